import type { ComplianceCheck } from '../../../projections/compliance/compliance.rules.js';
import type { Translator } from '../i18n.js';
import type { CyclePageData, EvidenceFact } from '../queries/cycle.query.js';
import type { Links } from './common.js';

export interface CheckVM {
  id: string;
  title: string;
  status: 'met' | 'not_met' | 'pending';
  statusLabel: string;
  /** What was found, in words. */
  findings: string[];
  /** The records the verdict rests on, in words (dates, titles, counts), each with a link where it can be seen. */
  evidence: Array<{ text: string; href: string | null }>;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The OGP co-creation checks in the reader's language, with evidence said in words, never event ids. */
export function complianceVM(t: Translator, data: CyclePageData, links: Links): CheckVM[] {
  const cycleId = data.cycle.cycleId;
  const cyclePage = links.cycle(cycleId);
  const titles = new Map(data.consultations.map((c) => [c.consultationId, c.title]));
  const consultationTitle = (id: unknown) => titles.get(str(id)) ?? t.t('compliance.unknownConsultation');

  function evidenceOf(check: ComplianceCheck): CheckVM['evidence'] {
    return (data.evidence[check.id] ?? []).flatMap((group): CheckVM['evidence'] => {
      if (group.listed.length) return group.listed.map(one);
      const href = group.type === 'MilestoneScheduled' ? `${cyclePage}#milestones` : group.type === 'ConsultationAnnounced' ? `${cyclePage}#consultations` : links.matrix(cycleId);
      return [{ text: t.t(`evidence.many.${group.type}`, { count: group.count, from: t.date(group.from), to: t.date(group.to) }), href }];
    });
  }

  function one(f: EvidenceFact): CheckVM['evidence'][number] {
    const d = f.data;
    const date = t.date(f.occurredAt);
    switch (f.type) {
      case 'CycleOpened':
        return { text: t.t('evidence.CycleOpened', { date }), href: `${cyclePage}#timeline` };
      case 'ForumMeetingHeld':
        return { text: t.t('evidence.ForumMeetingHeld', { date: t.date(str(d.heldAt)) }), href: `${cyclePage}#forum` };
      case 'MilestoneScheduled':
        return { text: t.t('evidence.MilestoneScheduled', { title: str(d.title), date, due: t.date(str(d.dueDate)) }), href: `${cyclePage}#milestones` };
      case 'DraftPlanPublished':
        return { text: t.t('evidence.DraftPlanPublished', { version: str(d.version), date }), href: `${cyclePage}#plans` };
      case 'PlanApproved':
        return { text: t.t('evidence.PlanApproved', { body: str(d.body), ref: str(d.decisionRef), date: t.date(str(d.approvedAt)) }), href: `${cyclePage}#approval` };
      case 'PlanSubmitted':
        return { text: t.t('evidence.PlanSubmitted', { date: t.date(str(d.submittedAt)) }), href: `${cyclePage}#approval` };
      case 'ConsultationAnnounced':
        return {
          text: t.t('evidence.ConsultationAnnounced', { title: str(d.title), date: t.date(str(d.announcedAt)), opens: t.date(str(d.opensAt)) }),
          href: links.consultation(str(d.consultationId)),
        };
      case 'ConsultationClosed':
        return { text: t.t('evidence.ConsultationClosed', { title: consultationTitle(d.consultationId), date: t.date(str(d.closedAt)) }), href: links.consultation(str(d.consultationId)) };
      case 'MaterialPublished':
        return { text: t.t('evidence.MaterialPublished', { title: str(d.title), date }), href: `${links.consultation(str(d.consultationId))}#materials` };
      case 'ReportPublished':
        return { text: t.t('evidence.ReportPublished', { title: consultationTitle(d.consultationId), date }), href: `${links.consultation(str(d.consultationId))}#report` };
      default:
        return { text: t.t('evidence.other', { date }), href: null };
    }
  }

  function findingsOf(check: ComplianceCheck): string[] {
    const f = check.findings;
    const th = data.compliance.thresholds;
    switch (check.id) {
      case 'forum_meets_regularly':
        return [
          t.t('finding.forumMeetings', { count: data.forumMeetings.length }),
          ...f.map((x) =>
            x.kind === 'gap'
              ? t.t('finding.forumGap', { days: Number(x.days), from: t.date(str(x.from)), to: t.date(str(x.to)), max: th.forumMaxGapDays })
              : t.t('finding.noMeetingBeforeFirst', { title: str(x.title), date: t.date(str(x.opensAt)) }),
          ),
        ];
      case 'timeline_published_in_advance':
        return f.map((x) =>
          x.firstMilestonePublishedAt
            ? t.t('finding.timeline', { title: str(x.title), opens: t.date(str(x.opensAt)), first: t.date(str(x.firstMilestonePublishedAt)), days: Number(x.noticeDays), min: th.timelineNoticeDays })
            : t.t('finding.timelineNone', { title: str(x.title), opens: t.date(str(x.opensAt)) }),
        );
      case 'consultation_notice':
        return f.length
          ? f.map((x) => t.t('finding.lateNotice', { title: str(x.title), days: Number(x.noticeDays), min: th.consultationNoticeDays }))
          : [t.t('finding.allNoticed', { count: data.consultations.length, min: th.consultationNoticeDays })];
      case 'repository_updated':
        return f.length
          ? f.map((x) => t.t('finding.repositoryGap', { days: Number(x.days), from: t.date(str(x.from)), to: t.date(str(x.to)) }))
          : [t.t('finding.repositoryOk', { perYear: th.repositoryUpdatesPerYear })];
      case 'reasoned_response_published': {
        const count = (reason: string) => f.filter((x) => x.reason === reason).length;
        return f.length
          ? [t.t('finding.missingResponses', { noResponse: count('no_response'), notPublished: count('response_not_published'), duplicates: count('canonical_without_published_response') })]
          : [t.t('finding.allResponded')];
      }
      case 'reports_published':
        return f.length ? f.map((x) => t.t('finding.missingReport', { title: str(x.title) })) : [t.t('finding.allReports')];
      case 'draft_publicly_consulted':
        return f.length
          ? f.map((x) => t.t('finding.draftConsulted', { version: str(x.version), published: t.date(str(x.publishedAt)), title: consultationTitle(x.consultationId), opens: t.date(str(x.opensAt)) }))
          : [t.t('finding.draftNotConsulted')];
      case 'approval_and_submission_recorded':
        return f.length
          ? f.map((x) => t.t('finding.approvalSubmission', { approved: t.date(str(x.approvedAt)), submitted: t.date(str(x.submittedAt)) }))
          : [data.cycle.approval ? t.t('finding.notSubmitted') : t.t('finding.notApproved')];
      default:
        return [];
    }
  }

  return data.compliance.checks.map((check) => ({
    id: check.id,
    title: t.t(`check.${check.id}`, { perYear: data.compliance.thresholds.repositoryUpdatesPerYear }),
    status: check.status,
    statusLabel: t.t(`checkStatus.${check.status}`),
    findings: findingsOf(check),
    evidence: evidenceOf(check),
  }));
}
