/**
 * One line that says what an event records, for people reading evidence lists and single events.
 * Built only from fields that are never personal data (no bodies, names or answers), so the same
 * line can be shown to anyone who may see the event at all; a field the caller does not have (a
 * compliance fact keeps only some) is simply left out.
 */
type Data = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const day = (v: unknown): string | null => {
  const t = text(v);
  if (!t) return null;
  const parsed = Date.parse(t);
  return Number.isNaN(parsed) ? t : new Date(parsed).toISOString().slice(0, 10);
};
const quoted = (v: unknown) => (text(v) ? `"${text(v)}"` : null);
const words = (v: unknown) => (text(v) ? text(v)!.replace(/_/g, ' ') : null);
const count = (v: unknown, one: string, many = `${one}s`) => (Array.isArray(v) ? `${v.length} ${v.length === 1 ? one : many}` : null);
const paren = (...parts: (string | null | false | undefined)[]) => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length ? `(${kept.join(', ')})` : null;
};
const join = (...parts: (string | null | false | undefined)[]) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');

const SUMMARIES: Record<string, (d: Data) => string> = {
  CycleOpened: (d) => join('Cycle opened:', quoted(d.title), text(d.periodStart) && `(${d.periodStart} to ${d.periodEnd})`),
  PolicyAreaAdded: (d) => join('Policy area added:', quoted(d.name), text(d.leadInstitution) && `led by ${d.leadInstitution}`),
  MilestoneScheduled: (d) => join('Milestone scheduled:', quoted(d.title), text(d.dueDate) && `due ${day(d.dueDate)}`, words(d.stage) && `(${words(d.stage)})`),
  MilestoneCompleted: (d) => join('Milestone completed', day(d.completedAt) && `on ${day(d.completedAt)}`),
  ForumMeetingHeld: (d) => join('Multi-stakeholder forum met', day(d.heldAt) && `on ${day(d.heldAt)}`, count(d.attendeeIds, 'registered attendee') && `(${count(d.attendeeIds, 'registered attendee')})`),
  CycleStageAdvanced: (d) => join('Stage advanced', words(d.from) && `from ${words(d.from)}`, words(d.to) && `to ${words(d.to)}`),
  DraftPlanPublished: (d) => join('Draft plan published', text(d.version) && `(version ${d.version})`),
  PlanApproved: (d) => join('Plan approved', text(d.body) && `by ${d.body}`, day(d.approvedAt) && `on ${day(d.approvedAt)}`, text(d.decisionRef) && `(${d.decisionRef})`),
  PlanSubmitted: (d) => join('Plan submitted to OGP', day(d.submittedAt) && `on ${day(d.submittedAt)}`),
  ComplianceThresholdsSet: () => 'Compliance thresholds set',

  StakeholderRegistered: (d) => join('Stakeholder registered', words(d.kind) && `(${words(d.kind)})`),
  PersonalDataErased: () => "A person's personal data erased",

  ConsultationAnnounced: (d) =>
    join('Consultation announced:', quoted(d.title), words(d.kind) && `(${words(d.kind)})`, day(d.opensAt) && `opening ${day(d.opensAt)}`, day(d.announcedAt) && `announced ${day(d.announcedAt)}`),
  StakeholdersInvited: (d) => join(count(d.stakeholderIds, 'stakeholder') ?? 'Stakeholders', 'invited'),
  MaterialPublished: (d) => join('Material published:', quoted(d.title), words(d.kind) && `(${words(d.kind)})`),
  AttendanceRecorded: (d) => join('Attendance recorded:', count(d.stakeholderIds, 'registered stakeholder'), typeof d.anonymousCount === 'number' && `and ${d.anonymousCount} anonymous`),
  SurveyDefined: (d) => join('Survey defined', count(d.questions, 'question') && `(${count(d.questions, 'question')})`),
  SurveyResponseSubmitted: (d) => join('Survey response submitted', count(d.answers, 'answer') && `(${count(d.answers, 'answer')})`, d.late === true && 'after closure'),
  ConsultationClosed: (d) => join('Consultation closed', day(d.closedAt) && `on ${day(d.closedAt)}`),

  ContributionReceived: (d) => join('Contribution received', words(d.channel) && `by ${words(d.channel)}`, day(d.receivedAt) && `on ${day(d.receivedAt)}`, d.late === true && '(late)'),
  ContributionResponded: (d) =>
    join(typeof d.responseNumber === 'number' && d.responseNumber > 1 ? `Response ${d.responseNumber} given` : 'Response given', words(d.decision) && `: ${words(d.decision)}`, count(d.commitmentIds, 'commitment') && `(${count(d.commitmentIds, 'commitment')})`).replace(' :', ':'),
  ResponseReviewed: (d) => join('Response reviewed by the POC', words(d.verdict) && `: ${words(d.verdict)}`).replace(' :', ':'),
  ResponsePublished: (d) => join('Response published', typeof d.responseNumber === 'number' && `(response ${d.responseNumber})`),
  ContributionWithdrawn: () => 'Contribution withdrawn by its author',
  ContributionRedacted: () => 'Contribution redacted by a moderator',
  ContributionMarkedDuplicate: () => 'Contribution marked as a duplicate',

  ReportDrafted: (d) => join('Consultation report drafted', count(d.contributionIds, 'contribution') && `(${count(d.contributionIds, 'contribution')})`),
  ReportSubmitted: () => 'Consultation report submitted to the POC',
  ReportFeedbackGiven: (d) => join('POC feedback on the report', paren(typeof d.round === 'number' && `round ${d.round}`, count(d.items, 'item'))),
  ReportRevised: (d) => join('Consultation report revised', typeof d.revisionNumber === 'number' && `(revision ${d.revisionNumber})`),
  ReportAccepted: () => 'Consultation report accepted by the POC',
  ReportPublished: () => 'Consultation report published',

  CommitmentDrafted: (d) => join('Commitment drafted:', quoted(d.title)),
  CommitmentRevised: (d) => {
    const changed = d.changes && typeof d.changes === 'object' ? Object.keys(d.changes as Data) : [];
    return join('Commitment revised', typeof d.revisionNumber === 'number' && `(revision ${d.revisionNumber})`, changed.length > 0 && `: ${changed.join(', ')}`, count(d.inResponseTo, 'contribution') && `in response to ${count(d.inResponseTo, 'contribution')}`).replace(' :', ':');
  },
  CommitmentWithdrawn: () => 'Commitment withdrawn',
};

export function summarizeEvent(type: string, data: Data): string {
  return SUMMARIES[type]?.(data) ?? type.replace(/([a-z])([A-Z])/g, '$1 $2');
}
