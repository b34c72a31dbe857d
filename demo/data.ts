/**
 * The data of the Albania 2020–2022 demo: institutions, dates, stakeholders, questions, remarks,
 * decisions and commitments. The process and its dates follow the two seed documents (the
 * explanatory note and the brief for civil society); the organisations, people and texts are
 * synthetic but plausible. Addresses under WEB are illustrative, not real documents.
 */

import type { OgpValue } from '../src/commitments/domain/events.js';
import type { MaterialKind } from '../src/consultations/domain/events.js';
import type { Decision } from '../src/contributions/domain/events.js';
import type { Stage } from '../src/cycles/domain/events.js';
import type { StakeholderKind } from '../src/stakeholders/domain/events.js';

// The domain's vocabularies, so that the demo cannot drift from what the service accepts.
export { DECISIONS } from '../src/contributions/domain/events.js';
export type { Decision, MaterialKind, OgpValue, Stage, StakeholderKind };

export type AreaKey = 'ac' | 'dg' | 'aj' | 'ft';

export const WEB = 'https://www.opengovpartnership.al/nap-2020-2022';

/** A UTC instant on a 2020 date; times are office hours in Tirana (UTC+2 in summer, +1 in winter). */
export const at = (date: string, time = '09:00'): string => `${date}T${time}:00Z`;

export const POC_INSTITUTION = 'Development and Good Governance Department (Technical Secretariat), Office of the Prime Minister';

export const CYCLE = {
  country: 'Albania',
  title: 'Albania NAP 2020–2022',
  periodStart: '2020-07-01',
  periodEnd: '2022-06-30',
  pocInstitution: POC_INSTITUTION,
  methodology:
    "Based on the mechanisms and processes of Albania's Integrated Planning System: four policy areas, each led by a Lead Focal Point " +
    'institution; online pre-consultation surveys; thematic group consultations with CSOs; a report per consultation with structured ' +
    'POC feedback; online public consultation of the draft; approval by the GMIP on Good Governance and Public Administration.',
  openedAt: at('2020-07-01'),
} as const;

export interface AreaSpec {
  key: AreaKey;
  name: string;
  /** The seed lists the four LFPs without their pairing: these are our working assignments. */
  lead: string;
  /** Choice question of the area's pre-consultation survey. */
  priorities: string[];
}

export const AREAS: readonly AreaSpec[] = [
  {
    key: 'ac',
    name: 'Anti-Corruption',
    lead: 'Ministry of Justice',
    priorities: ['Public procurement', 'Asset declarations and conflict of interest', 'Whistleblower protection', 'Integrity in local government'],
  },
  {
    key: 'dg',
    name: 'Digital Governance',
    lead: 'National Agency for Information Society',
    priorities: ['Accessibility of e-services', 'Open data', 'Online public consultation', 'Personal data and cybersecurity'],
  },
  {
    key: 'aj',
    name: 'Access to Justice',
    lead: 'Agency for Services',
    priorities: ['Free legal aid', 'Complaint handling for public services', 'Transparency of the courts', 'Access for vulnerable groups'],
  },
  {
    key: 'ft',
    name: 'Fiscal Transparency',
    lead: 'Ministry of Finance',
    priorities: ["Citizens' budget", 'Budget execution data', 'Participation in budgeting', 'Public debt and PPP transparency'],
  },
];

export const areaOf = (key: AreaKey): AreaSpec => AREAS.find((a) => a.key === key) as AreaSpec;

// ---------------------------------------------------------------------------------------------
// The management calendar (seed: "the POC has created a management calendar with all
// intermediary tasks"), completed with evidence as the process went.

export interface MilestoneSpec {
  key: string;
  stage: Stage;
  title: string;
  dueDate: string;
  completedAt: string;
  evidence: string;
}

export const MILESTONES: readonly MilestoneSpec[] = [
  { key: 'methodology', stage: 'preparation', title: 'Finalise and approve the methodological package', dueDate: '2020-07-10', completedAt: at('2020-07-09'), evidence: `${WEB}/preparation/methodological-package.pdf` },
  { key: 'letters', stage: 'preparation', title: 'Official letter package from the Deputy Prime Minister to the 4 LFPs', dueDate: '2020-07-15', completedAt: at('2020-07-14'), evidence: 'Letters of the Deputy Prime Minister to the four LFPs, prot. no. 3412/1-4, 14.07.2020' },
  { key: 'launch', stage: 'preparation', title: 'Launch meeting with the 4 LFP secretariats: presentation of the process and division of tasks', dueDate: '2020-07-20', completedAt: at('2020-07-17', '10:00'), evidence: `${WEB}/preparation/launch-meeting-minutes.pdf` },
  { key: 'identify', stage: 'pre_consultation', title: 'Identify key stakeholders per policy area (ASCS register of CSOs)', dueDate: '2020-07-31', completedAt: at('2020-07-31', '15:00'), evidence: `${WEB}/pre-consultation/stakeholder-lists.xlsx` },
  { key: 'surveys', stage: 'pre_consultation', title: 'Publish the four pre-consultation surveys on the OGP web', dueDate: '2020-08-05', completedAt: at('2020-08-05'), evidence: `${WEB}/pre-consultation/surveys` },
  { key: 'pre-reports', stage: 'pre_consultation', title: 'Pre-consultation reports submitted to the POC and published', dueDate: '2020-09-21', completedAt: at('2020-09-21', '14:00'), evidence: `${WEB}/pre-consultation/reports` },
  { key: 'briefs', stage: 'thematic_consultation', title: 'General OGP brief and four policy briefs published', dueDate: '2020-09-15', completedAt: at('2020-09-14', '12:00'), evidence: `${WEB}/thematic/briefs` },
  { key: 'meetings', stage: 'thematic_consultation', title: 'Seven thematic group consultations held', dueDate: '2020-10-23', completedAt: at('2020-10-20', '16:00'), evidence: `${WEB}/thematic/minutes` },
  { key: 'reports', stage: 'thematic_consultation', title: 'Consultation reports submitted, reviewed and published', dueDate: '2020-10-31', completedAt: at('2020-10-30', '16:00'), evidence: `${WEB}/thematic/reports` },
  { key: 'commitments', stage: 'drafting', title: 'Situation analysis and commitments drafted by each LFP', dueDate: '2020-10-30', completedAt: at('2020-10-29', '16:00'), evidence: `${WEB}/drafting/commitments-by-area.pdf` },
  { key: 'consolidated', stage: 'drafting', title: 'Consolidated draft action plan and public consultation feedback tool', dueDate: '2020-11-06', completedAt: at('2020-11-06', '12:00'), evidence: `${WEB}/drafting/draft-action-plan-v0.9.pdf` },
  { key: 'online', stage: 'public_consultation', title: 'Online public consultation of the draft action plan', dueDate: '2020-11-23', completedAt: at('2020-11-24', '09:00'), evidence: `${WEB}/public-consultation/comments-received.pdf` },
  { key: 'nccs', stage: 'public_consultation', title: 'Consultation meeting with the National Council for Civil Society', dueDate: '2020-11-27', completedAt: at('2020-11-26', '13:00'), evidence: `${WEB}/public-consultation/nccs-meeting-minutes.pdf` },
  { key: 'final', stage: 'approval', title: 'Revise and finalise the action plan', dueDate: '2020-12-04', completedAt: at('2020-12-04', '12:00'), evidence: `${WEB}/approval/action-plan-v1.0.pdf` },
  // Completed by the GMIP meeting itself; the submission to OGP is recorded by PlanSubmitted.
  { key: 'gmip', stage: 'approval', title: 'Discussion and approval in the GMIP on Good Governance and Public Administration', dueDate: '2020-12-18', completedAt: at('2020-12-17', '11:00'), evidence: `${WEB}/approval/gmip-meeting-minutes-2020-12-17.pdf` },
];

export const STAGE_DATES: readonly { stage: Stage; at: string }[] = [
  { stage: 'pre_consultation', at: at('2020-07-20') },
  { stage: 'thematic_consultation', at: at('2020-09-14') },
  { stage: 'drafting', at: at('2020-10-21') },
  { stage: 'public_consultation', at: at('2020-11-09') },
  { stage: 'approval', at: at('2020-11-30') },
];

export const DRAFT_PLANS = [
  { version: '0.9', url: `${WEB}/drafting/draft-action-plan-v0.9.pdf`, at: at('2020-11-06', '12:00') },
  { version: '1.0', url: `${WEB}/approval/action-plan-v1.0.pdf`, at: at('2020-12-04', '12:00') },
] as const;

export const APPROVAL = {
  body: 'Integrated Policy Management Group (GMIP) on Good Governance and Public Administration',
  decisionRef: 'GMIP-GGPA decision no. 4/2020',
  approvedAt: at('2020-12-17', '11:00'),
} as const;

export const SUBMISSION = { submittedAt: at('2020-12-30', '11:00') } as const;

// ---------------------------------------------------------------------------------------------
// Stakeholders: generated deterministically from name parts. The LFPs identified CSOs from the
// Agency for Support of Civil Society's register; the POC registered the others.

export interface StakeholderSpec {
  key: string;
  kind: StakeholderKind;
  name: string;
  email?: string;
  registryRef?: string;
  area: AreaKey;
  city: string;
  /** Who registered it: an area's LFP, or the POC. */
  registeredBy: AreaKey | 'poc';
  registeredAt: string;
}

const CITIES = ['Tirana', 'Durrës', 'Shkodër', 'Elbasan', 'Vlorë', 'Korçë', 'Fier', 'Berat', 'Lushnjë', 'Kukës', 'Gjirokastër', 'Lezhë', 'Dibër', 'Pogradec', 'Sarandë'];
const CSO_FORMS = ['Centre for', 'Institute for', 'Association for', 'Foundation for', 'Network for', 'Forum for', 'Movement for', 'Initiative for'];
const CSO_TOPICS: Record<AreaKey, string[]> = {
  ac: ['Integrity', 'Transparency', 'Good Governance', 'Public Accountability', 'Civic Oversight', 'Ethics in Public Life', 'Anti-Corruption Monitoring'],
  dg: ['Digital Rights', 'Open Data', 'Digital Inclusion', 'e-Participation', 'Civic Technology', 'the Information Society', 'Media Literacy'],
  aj: ['Legal Aid', 'Human Rights', "Women's Rights", 'Roma and Egyptian Inclusion', 'Disability Rights', 'Justice Reform', "Children's Rights"],
  ft: ['Budget Transparency', 'Fiscal Policy', 'Local Development', 'Economic Policy', 'Public Finance Monitoring', "Taxpayers' Rights", 'Social Accountability'],
};
const CSOS_PER_AREA = 42;

const ACADEMIA = [
  'Centre for European Law Studies, Adriatic University of Durrës',
  'Department of Public Administration, Shkodër State University',
  'Digital Society Research Unit, Polytechnic Institute of Tirana',
  'Public Finance Lab, Tirana School of Economics',
  'Legal Clinic, Korçë University Law School',
  'Centre for Data Science, Illyria Technical University',
  'Institute of Social Research, Elbasan Teachers University',
  'Department of Economics, Vlorë Coastal University',
  'Human Rights Law Clinic, Durrës Faculty of Law',
  'Department of Political Science, Berat College of Humanities',
];
const PRIVATE_SECTOR = [
  'Albanian ICT Companies Association',
  'Tirana Software Cluster',
  'Association of Certified Accountants of Albania',
  'Union of Small Enterprises of Shkodër',
  'Digital Payments Albania Sh.p.k.',
  'Chamber of Crafts of Fier',
  'Albanian Legal Tech Start-ups Network',
  'Association of Construction Contractors of Albania',
  'Vlorë Tourism Business Council',
  'Association of Young Entrepreneurs of Korçë',
];
const INTERNATIONAL = [
  'Good Governance Facility (EU-funded project)',
  'Rule of Law Assistance Programme (bilateral donor)',
  'Open Budget Partners Western Balkans',
  'Integrity Watch Balkans',
  'Access to Justice Programme (UN-supported project)',
  'Regional Network of Schools of Public Administration',
];
const INSTITUTIONS = [
  'Association of Albanian Municipalities',
  'Chamber of Advocates of Shkodër',
  'Municipal Council of Lezhë',
  'Network of Local Legal Aid Providers',
  'Chamber of Notaries of Tirana',
  'Municipal Council of Pogradec',
];
const FIRST_NAMES = ['Arta', 'Besnik', 'Dritan', 'Elira', 'Fatjona', 'Gentian', 'Ilir', 'Jonida', 'Klodian', 'Lindita', 'Mirela', 'Ndriçim', 'Orjana', 'Petrit', 'Rezarta', 'Sokol', 'Teuta', 'Valbona', 'Xhesika', 'Ylli'];
const LAST_NAMES = ['Hoxha', 'Krasniqi', 'Dervishi', 'Gjoka', 'Kola', 'Shehu', 'Leka', 'Mema', 'Basha', 'Duka', 'Çela', 'Prifti', 'Marku'];

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const AREA_KEYS: readonly AreaKey[] = ['ac', 'dg', 'aj', 'ft'];

/** Registration dates spread over the last ten days of July (seed: stakeholders identified July–August). */
const registrationDate = (n: number) => at(`2020-07-${String(21 + (n % 10)).padStart(2, '0')}`, `${String(8 + (n % 7)).padStart(2, '0')}:30`);

export function stakeholders(): StakeholderSpec[] {
  const out: StakeholderSpec[] = [];
  let n = 0;
  AREA_KEYS.forEach((area, a) => {
    for (let i = 0; i < CSOS_PER_AREA; i++) {
      // Form and topic cycle with coprime periods (8, 7): every pair is distinct for i < 56.
      const name = `${CSO_FORMS[i % CSO_FORMS.length]} ${CSO_TOPICS[area][i % 7]}`;
      const city = CITIES[(i * 4 + a) % CITIES.length];
      const ref = 1000 + ((n * 37) % 9000); // coprime step: distinct, not sequential
      out.push({
        key: `cso-${area}-${String(i + 1).padStart(2, '0')}`,
        kind: 'cso',
        name: `${name} – ${city}`,
        ...(i % 2 === 0 ? { email: `contact@${slug(name)}.org.al` } : {}),
        registryRef: `AMSHC-${ref}`,
        area,
        city,
        registeredBy: area,
        registeredAt: registrationDate(n),
      });
      n++;
    }
  });
  const others: [StakeholderKind, string[], string][] = [
    ['academia', ACADEMIA, 'acad'],
    ['private_sector', PRIVATE_SECTOR, 'priv'],
    ['international', INTERNATIONAL, 'intl'],
    ['institution', INSTITUTIONS, 'inst'],
  ];
  for (const [kind, names, prefix] of others) {
    names.forEach((name, i) => {
      out.push({
        key: `${prefix}-${String(i + 1).padStart(2, '0')}`,
        kind,
        name,
        area: AREA_KEYS[i % 4],
        city: CITIES[(i * 3) % CITIES.length],
        registeredBy: 'poc',
        registeredAt: registrationDate(n++),
      });
    });
  }
  // Citizens who signed up on the OGP web for the pre-consultation.
  for (let i = 0; i < 20; i++) {
    const first = FIRST_NAMES[i];
    const last = LAST_NAMES[(i * 5) % LAST_NAMES.length];
    out.push({
      key: `ind-${String(i + 1).padStart(2, '0')}`,
      kind: 'individual',
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}@example.al`,
      area: AREA_KEYS[i % 4],
      city: CITIES[(i * 2) % CITIES.length],
      registeredBy: 'poc',
      registeredAt: registrationDate(n++),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commitments in OGP's template shape, and the revisions that contributions caused.

export interface MilestoneDraft {
  title: string;
  dueDate: string;
}

export interface CommitmentRevisionSpec {
  at: string;
  /** Keys of the contributions that caused it. */
  inResponseTo: string[];
  title?: string;
  description?: string;
  milestones?: MilestoneDraft[];
}

export interface CommitmentSpec {
  key: string;
  area: AreaKey;
  title: string;
  problem: string;
  description: string;
  ogpValues: OgpValue[];
  milestones: MilestoneDraft[];
  leadInstitution: string;
  supportingInstitutions: string[];
  draftedAt: string;
  revisions: CommitmentRevisionSpec[];
}

export const COMMITMENTS: readonly CommitmentSpec[] = [
  {
    key: 'ac1',
    area: 'ac',
    title: 'Open data on public procurement and concessions',
    problem: 'Procurement notices, awards and concession contracts are published as scanned documents, so CSOs and journalists cannot follow public money from tender to payment.',
    description: 'Publish procurement and concession data from the electronic procurement system as open, machine-readable data following the Open Contracting Data Standard, including contract amendments, with a public search interface.',
    ogpValues: ['transparency', 'accountability', 'technology_innovation'],
    milestones: [
      { title: 'Data model and publication rules agreed with the Public Procurement Agency', dueDate: '2021-06-30' },
      { title: 'First quarterly open dataset of awards and amendments published', dueDate: '2021-12-31' },
      { title: 'Payments and concession contracts included in the open data', dueDate: '2022-06-30' },
    ],
    leadInstitution: 'Public Procurement Agency',
    supportingInstitutions: ['Ministry of Justice', 'National Agency for Information Society'],
    draftedAt: at('2020-09-14', '10:00'),
    revisions: [
      {
        at: at('2020-10-22', '10:00'),
        inResponseTo: ['m1-1', 'm1-6'],
        description: 'Publish procurement and concession data from the electronic procurement system as open, machine-readable data following the Open Contracting Data Standard, including contract amendments and red-flag indicators (single bidder, repeated winners, late amendments), with a public search interface.',
      },
      {
        at: at('2020-11-25', '10:00'),
        inResponseTo: ['pc-1'],
        milestones: [
          { title: 'Data model and publication rules agreed with the Public Procurement Agency', dueDate: '2021-06-30' },
          { title: 'First quarterly open dataset of awards, amendments and red flags published', dueDate: '2021-12-31' },
          { title: 'Payments and concession contracts included in the open data', dueDate: '2022-03-31' },
        ],
      },
    ],
  },
  {
    key: 'ac2',
    area: 'ac',
    title: 'Public register of asset declarations of senior officials',
    problem: 'Asset declarations of senior officials can only be consulted on request, which discourages public scrutiny of unexplained wealth.',
    description: 'Publish the annual asset declarations of senior officials on an online register, with the personal data of third parties redacted, and the results of their verification.',
    ogpValues: ['transparency', 'accountability'],
    milestones: [
      { title: 'Legal analysis of publication and redaction rules', dueDate: '2021-05-31' },
      { title: 'Online register with the 2020 declarations of senior officials', dueDate: '2021-12-31' },
    ],
    leadInstitution: 'High Inspectorate for the Declaration and Audit of Assets and Conflict of Interest',
    supportingInstitutions: ['Ministry of Justice'],
    draftedAt: at('2020-09-14', '10:30'),
    revisions: [
      {
        at: at('2020-10-22', '11:00'),
        inResponseTo: ['m1-2'],
        milestones: [
          { title: 'Legal analysis of publication and redaction rules', dueDate: '2021-05-31' },
          { title: 'Online register with the 2020 declarations of senior officials', dueDate: '2021-12-31' },
          { title: 'Declarations from 2021 onwards published in searchable, machine-readable form', dueDate: '2022-06-30' },
        ],
      },
      {
        at: at('2020-11-25', '11:00'),
        inResponseTo: ['pc-12'],
        description: 'Publish the annual asset declarations of senior officials on an online register, including the declared sources of income for each asset, with the personal data of third parties redacted, and the results of their verification.',
      },
    ],
  },
  {
    key: 'ac3',
    area: 'ac',
    title: 'Whistleblowing channels and integrity plans in municipalities',
    problem: 'Few municipalities have working whistleblowing units and citizens do not know how to report corruption safely.',
    description: 'Support ten municipalities to adopt and publish integrity plans, set up whistleblowing units and an online reporting channel that accepts anonymous reports, and publish annual statistics on reports and their follow-up.',
    ogpValues: ['accountability', 'participation'],
    milestones: [
      { title: 'Integrity plans adopted and published in ten municipalities', dueDate: '2021-09-30' },
      { title: 'Online reporting channel live in the ten municipalities', dueDate: '2022-03-31' },
    ],
    leadInstitution: 'Ministry of Justice',
    supportingInstitutions: ['Association of Albanian Municipalities'],
    draftedAt: at('2020-09-14', '11:00'),
    revisions: [
      {
        at: at('2020-10-23', '10:00'),
        inResponseTo: ['m5-1'],
        description: 'Support ten municipalities to adopt and publish integrity plans, set up whistleblowing units and an online reporting channel that accepts anonymous reports and tells the reporter within 30 days what was done, and publish annual statistics on reports and their follow-up.',
      },
    ],
  },
  {
    key: 'dg1',
    area: 'dg',
    title: 'Accessible e-Albania services for everyone',
    problem: 'More than a thousand services moved online through e-Albania, but older people, persons with disabilities and rural residents struggle to use them, and counters were reduced during COVID-19.',
    description: 'Audit e-Albania against WCAG 2.1 AA, fix the 50 most used services, and train digital assistants in integrated service centres and post offices to help citizens use online services.',
    ogpValues: ['technology_innovation', 'participation'],
    milestones: [
      { title: 'Accessibility audit of e-Albania published', dueDate: '2021-06-30' },
      { title: 'The 50 most used services meet WCAG 2.1 AA', dueDate: '2022-03-31' },
      { title: 'Digital assistants trained in 30 service points', dueDate: '2021-12-31' },
    ],
    leadInstitution: 'National Agency for Information Society',
    supportingInstitutions: ['Agency for Services', 'Albanian Post'],
    draftedAt: at('2020-09-14', '10:00'),
    revisions: [
      {
        at: at('2020-10-22', '14:00'),
        inResponseTo: ['m2-1', 'm2-2'],
        milestones: [
          { title: 'Accessibility audit of e-Albania published', dueDate: '2021-06-30' },
          { title: 'User testing of changed services with organisations of persons with disabilities', dueDate: '2021-10-31' },
          { title: 'The 50 most used services meet WCAG 2.1 AA', dueDate: '2022-03-31' },
          { title: 'Digital assistants trained in 30 service points', dueDate: '2021-12-31' },
        ],
      },
      {
        at: at('2020-11-25', '14:00'),
        inResponseTo: ['pc-7'],
        description: 'Audit e-Albania against WCAG 2.1 AA, fix the 50 most used services, add sign-language video guides to them, and train digital assistants in integrated service centres and post offices to help citizens use online services.',
      },
    ],
  },
  {
    key: 'dg2',
    area: 'dg',
    title: 'High-value datasets on the national open data portal',
    problem: 'The open data portal holds few up-to-date datasets; CSOs must file information requests for data that already exist in public registers.',
    description: 'Publish 30 high-value datasets (budget, procurement, education, environment, transport) under an open licence, and open a channel to request new datasets, with annual user feedback.',
    ogpValues: ['transparency', 'technology_innovation'],
    milestones: [
      { title: 'Inventory of high-value datasets agreed with data holders', dueDate: '2021-04-30' },
      { title: '30 datasets published on the portal', dueDate: '2022-03-31' },
    ],
    leadInstitution: 'National Agency for Information Society',
    supportingInstitutions: ['Institute of Statistics (INSTAT)', 'Ministry of Finance'],
    draftedAt: at('2020-09-14', '10:30'),
    revisions: [
      {
        at: at('2020-10-23', '14:00'),
        inResponseTo: ['m6-1', 'm6-2', 'm6-3'],
        description: 'Publish 30 high-value datasets (budget, procurement, education, air and water quality, transport) under an open licence, each with an update schedule and a named contact, with APIs for the five most used, and open a channel to request new datasets, with annual user feedback.',
      },
    ],
  },
  {
    key: 'dg3',
    area: 'dg',
    title: 'Feedback on public consultations in the electronic consultation register',
    problem: 'Draft laws are posted on the electronic register for public consultations, but participants rarely learn whether their comments were considered.',
    description: 'Extend the electronic register for notifications and public consultations so that every consultation publishes a report on the comments received and the reasons for accepting or rejecting them, and notifies participants by email.',
    ogpValues: ['participation', 'accountability', 'technology_innovation'],
    milestones: [
      { title: 'Feedback report module in the consultation register', dueDate: '2021-09-30' },
      { title: 'Ministries publish feedback reports for all consultations', dueDate: '2022-06-30' },
    ],
    leadInstitution: 'National Agency for Information Society',
    supportingInstitutions: ['Ministry of Justice', 'Office of the Prime Minister'],
    draftedAt: at('2020-09-14', '11:00'),
    revisions: [],
  },
  {
    key: 'aj1',
    area: 'aj',
    title: 'Free legal aid information at integrated service centres',
    problem: 'People entitled to free legal aid under Law 111/2017 often do not know it exists or where to apply, especially outside Tirana.',
    description: 'Provide information on primary free legal aid at integrated service centres and online, refer people to legal aid centres, and publish quarterly statistics on referrals.',
    ogpValues: ['participation', 'accountability'],
    milestones: [
      { title: 'Information desks on free legal aid in 10 integrated service centres', dueDate: '2021-06-30' },
      { title: 'Quarterly referral statistics published', dueDate: '2021-12-31' },
    ],
    leadInstitution: 'Agency for Services',
    supportingInstitutions: ['Ministry of Justice', 'Directorate of Free Legal Aid'],
    draftedAt: at('2020-09-14', '10:00'),
    revisions: [
      {
        at: at('2020-10-22', '15:00'),
        inResponseTo: ['m3-1', 'm3-2'],
        description: 'Provide information on primary free legal aid at integrated service centres and online, also in Romani and in sign language, refer people to legal aid centres, hold mobile information days twice a year in four districts, and publish quarterly statistics on referrals.',
      },
      {
        at: at('2020-11-25', '15:00'),
        inResponseTo: ['pc-8', 'pc-9', 'pc-10'],
        milestones: [
          { title: 'Information desks on free legal aid in 10 integrated service centres', dueDate: '2021-06-30' },
          { title: 'Quarterly referral statistics published', dueDate: '2021-12-31' },
          { title: 'At least 5,000 people informed about free legal aid each year', dueDate: '2022-06-30' },
        ],
      },
    ],
  },
  {
    key: 'aj2',
    area: 'aj',
    title: 'Citizen feedback and complaint handling for public services',
    problem: 'Complaints about public services are handled separately by each institution and citizens rarely learn the outcome.',
    description: 'A single complaint and feedback channel for services delivered at integrated service centres, with a 15-day response deadline and a public dashboard of complaints and outcomes.',
    ogpValues: ['accountability', 'participation', 'technology_innovation'],
    milestones: [
      { title: 'Single complaint channel in all integrated service centres', dueDate: '2021-09-30' },
      { title: 'Public dashboard of complaints and outcomes', dueDate: '2022-03-31' },
    ],
    leadInstitution: 'Agency for Services',
    supportingInstitutions: ['National Agency for Information Society'],
    draftedAt: at('2020-09-14', '10:30'),
    revisions: [
      {
        at: at('2020-10-26', '10:00'),
        inResponseTo: ['m7-1', 'm7-2'],
        description: 'A single complaint and feedback channel (online, at the counter and by a free phone line) for services delivered at integrated service centres, with a 15-day response deadline and a public dashboard of complaints and outcomes per institution, updated every quarter.',
      },
    ],
  },
  {
    key: 'aj3',
    area: 'aj',
    title: 'Online publication of court decisions and case tracking',
    problem: 'Court decisions are published unevenly and parties cannot follow their cases online.',
    description: 'Publish anonymised decisions of first-instance and appeal courts in a searchable database and give parties an online case-tracking service.',
    ogpValues: ['transparency', 'technology_innovation'],
    milestones: [
      { title: 'Anonymisation rules and searchable database of decisions', dueDate: '2021-12-31' },
      { title: 'Online case tracking for parties in pilot courts', dueDate: '2022-06-30' },
    ],
    leadInstitution: 'Ministry of Justice',
    supportingInstitutions: ['High Judicial Council', 'Agency for Services'],
    draftedAt: at('2020-09-14', '11:00'),
    revisions: [
      {
        at: at('2020-10-26', '11:00'),
        inResponseTo: ['m7-6'],
        description: 'Publish anonymised decisions of first-instance and appeal courts in a searchable database and give parties an online case-tracking service that shows the date of the next hearing.',
      },
    ],
  },
  {
    key: 'ft1',
    area: 'ft',
    title: "Citizens' budget for the central government and municipalities",
    problem: 'The annual budget is published as long legal and technical documents that few citizens can read.',
    description: "Publish a citizens' budget with the approved budget each year, and support ten municipalities to publish their own, in plain language and as open data.",
    ogpValues: ['transparency', 'participation'],
    milestones: [
      { title: "Citizens' budget 2021 published", dueDate: '2021-01-31' },
      { title: "Citizens' budgets published by ten municipalities", dueDate: '2022-03-31' },
    ],
    leadInstitution: 'Ministry of Finance',
    supportingInstitutions: ['Association of Albanian Municipalities'],
    draftedAt: at('2020-09-14', '10:00'),
    revisions: [
      {
        at: at('2020-10-22', '16:00'),
        inResponseTo: ['m4-2'],
        milestones: [
          { title: "Citizens' budget 2021 published", dueDate: '2021-01-31' },
          { title: "Citizens' guide to the draft budget 2022 published with the draft in October", dueDate: '2021-10-31' },
          { title: "Citizens' budgets published by ten municipalities", dueDate: '2022-03-31' },
        ],
      },
      {
        at: at('2020-11-25', '16:00'),
        inResponseTo: ['pc-2'],
        description: "Publish a citizens' budget with the draft and the approved budget each year, and support fifteen municipalities to publish their own, in plain language and as open data.",
      },
    ],
  },
  {
    key: 'ft2',
    area: 'ft',
    title: 'Monthly open data on budget execution',
    problem: 'Budget execution is reported quarterly in PDF tables, too late and too aggregated for monitoring.',
    description: 'Publish monthly budget execution data by institution and economic item as open data on the Ministry of Finance website and the open data portal.',
    ogpValues: ['transparency', 'accountability', 'technology_innovation'],
    milestones: [
      { title: 'Monthly execution dataset published', dueDate: '2021-06-30' },
      { title: 'Execution data linked to the citizens’ budget', dueDate: '2022-03-31' },
    ],
    leadInstitution: 'Ministry of Finance',
    supportingInstitutions: ['General Directorate of Treasury', 'National Agency for Information Society'],
    draftedAt: at('2020-09-14', '10:30'),
    revisions: [
      {
        at: at('2020-10-22', '16:30'),
        inResponseTo: ['m4-1'],
        description: 'Publish monthly budget execution data by institution, programme and economic item as open data on the Ministry of Finance website and the open data portal.',
      },
    ],
  },
  {
    key: 'ft3',
    area: 'ft',
    title: 'Public hearings on the medium-term budget programme',
    problem: 'CSOs are not consulted when ministries set the spending ceilings of the medium-term budget programme.',
    description: "Hold public hearings on the medium-term budget programme ceilings each spring, publish the comments received and the ministry's responses, and report on them with the annual budget.",
    ogpValues: ['participation', 'accountability'],
    milestones: [
      { title: 'First public hearing on the MTBP 2022–2024', dueDate: '2021-04-30' },
      { title: 'Report on comments and responses published with the draft budget', dueDate: '2021-10-31' },
    ],
    leadInstitution: 'Ministry of Finance',
    supportingInstitutions: ['Parliamentary Committee on Economy and Finance'],
    draftedAt: at('2020-09-14', '11:00'),
    revisions: [
      {
        at: at('2020-10-22', '17:00'),
        inResponseTo: ['m4-3'],
        description: "Hold public hearings on the medium-term budget programme ceilings each spring, in Tirana and in one region; publish the comments received and the ministry's responses, and report on them with the annual budget.",
      },
      {
        at: at('2020-11-27', '16:00'),
        inResponseTo: ['nc-2'],
        description: "Hold public hearings on the medium-term budget programme ceilings each spring, in Tirana and in one region, announced on the electronic consultation register; publish the comments received and the ministry's responses, and report on them with the annual budget.",
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Contributions and their reasoned responses.

export interface ResponseSpec {
  decision: Decision;
  rationale: string;
  /** Commitment keys. */
  commitments?: string[];
}

/**
 * A first response the POC sent back for revision (with its comment); the main response is the
 * revised one.
 */
export interface SentBackSpec extends ResponseSpec {
  comment: string;
}

/** A contribution's text and, when it gets one, its reasoned response (the final one). */
export interface ContributionText extends Partial<ResponseSpec> {
  text: string;
  sentBack?: SentBackSpec;
}

// Pre-consultation survey, question 3 ("main problem and your proposal"), per area. Each is given
// by two respondents in the survey.
export const SURVEY_PROPOSALS: Record<AreaKey, readonly ContributionText[]> = {
  ac: [
    {
      text: 'Publish all procurement contracts and their amendments as open data, so that we can follow a tender from the notice to the payment.',
      decision: 'accepted',
      rationale: "Agreed. The commitment 'Open data on public procurement and concessions' publishes awards and amendments as open data (OCDS), then payments and concessions.",
      commitments: ['ac1'],
    },
    {
      text: 'Asset declarations of all public officials, including local councillors, should be published online.',
      decision: 'partially_accepted',
      rationale: 'Partially accepted: the register will publish the declarations of senior officials. Extending it to every official needs an amendment of Law 9049/2003 and will be assessed in the 2022 evaluation.',
      commitments: ['ac2'],
    },
    {
      text: 'Create a new independent anti-corruption agency that reports to Parliament.',
      decision: 'not_accepted',
      rationale: 'Not accepted: the Special Anti-Corruption Structure and the High Inspectorate for Declaration and Audit of Assets already hold these mandates under the justice reform; a new agency would duplicate them. The plan strengthens the transparency of the existing bodies instead.',
    },
    {
      text: 'Raise the salaries of customs and tax officers so that they are less tempted by bribes.',
      decision: 'out_of_scope',
      rationale: 'Out of scope: pay in the tax and customs administrations is set by the civil service and budget framework, not by the OGP action plan, which covers transparency, participation and accountability reforms.',
    },
    {
      text: 'Albania needs a law that protects whistleblowers in the public and the private sector.',
      decision: 'already_addressed',
      rationale: 'Already addressed: Law 60/2016 on whistleblowing and the protection of whistleblowers is in force for both sectors. The commitment on municipal whistleblowing channels works on applying it.',
      commitments: ['ac3'],
    },
    {
      text: 'Informal payments in hospitals are the corruption that citizens feel most every day.',
      decision: 'noted',
      rationale: 'Noted: integrity in health care is covered by the Inter-sectoral Strategy against Corruption. The remark was forwarded to the Ministry of Health and Social Protection for its integrity plan.',
    },
    {
      text: 'Municipalities need a simple and anonymous way for citizens to report abuse by local officials.',
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Whistleblowing channels and integrity plans in municipalities' sets up an online channel in ten municipalities that accepts anonymous reports.",
      commitments: ['ac3'],
    },
  ],
  dg: [
    {
      text: 'Many older people cannot use e-Albania alone; there should be assisted access points in every municipality.',
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Accessible e-Albania services for everyone' trains digital assistants in integrated service centres and post offices, present in every municipality.",
      commitments: ['dg1'],
    },
    {
      text: 'Publish the data of public registers (businesses, property, vehicles) as open data instead of answering each request separately.',
      decision: 'partially_accepted',
      rationale: 'Partially accepted: business register data and statistics from the other registers are among the 30 high-value datasets. Property and vehicle records hold personal data and stay available on request only.',
      commitments: ['dg2'],
    },
    {
      text: 'When we comment on a draft law on the consultation register we never get an answer.',
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Feedback on public consultations in the electronic consultation register' makes every consultation publish its comments and the reasons for accepting or rejecting them.",
      commitments: ['dg3'],
    },
    {
      text: 'Keep paper applications for every service that has moved online.',
      decision: 'not_accepted',
      rationale: 'Not accepted as proposed: services are digital first. People who cannot apply online are served at integrated service centres, where assistants file the application on their behalf (see the commitment on accessible e-services).',
    },
    {
      text: 'Internet is too expensive in rural areas; the government should lower the price.',
      decision: 'out_of_scope',
      rationale: 'Out of scope: broadband prices are regulated by the Electronic and Postal Communications Authority and the plan cannot set tariffs. The remark was passed to the Ministry of Infrastructure and Energy for the broadband plan.',
    },
    {
      text: 'Citizens need to know which institutions look at their personal data in e-Albania.',
      decision: 'already_addressed',
      rationale: 'Already addressed: each e-Albania user can see in the personal area which institutions accessed their data, and the Information and Data Protection Commissioner supervises the processing.',
    },
    {
      text: 'Digital services should also be available in the languages of national minorities.',
      decision: 'noted',
      rationale: 'Noted: translating e-Albania is not planned in this cycle; the most used guides will be assessed for translation together with the accessibility audit.',
    },
  ],
  aj: [
    {
      text: 'Roma and Egyptian families do not know they can get a free lawyer; the information should be given where they already go for services.',
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Free legal aid information at integrated service centres' gives this information where people apply for services and refers them to legal aid centres.",
      commitments: ['aj1'],
    },
    {
      text: 'Every complaint about a public service should get a written answer within ten days.',
      decision: 'partially_accepted',
      rationale: 'Partially accepted: the complaint channel sets a 15-day deadline for a written answer, in line with the Code of Administrative Procedures, rather than ten days.',
      commitments: ['aj2'],
    },
    {
      text: 'Publish court decisions online so that people can see how similar cases were decided.',
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Online publication of court decisions and case tracking' publishes anonymised first-instance and appeal decisions in a searchable database.",
      commitments: ['aj3'],
    },
    {
      text: 'Make legal aid free for everyone, whatever their income.',
      decision: 'not_accepted',
      rationale: 'Not accepted: Law 111/2017 targets legal aid at people with low income and at vulnerable groups; universal free aid cannot be financed within the medium-term budget. The plan improves access for those entitled.',
      sentBack: {
        decision: 'out_of_scope',
        rationale: 'Out of scope of the action plan.',
        comment: 'Eligibility for legal aid is within the Access to Justice area: decide on the merits and explain the reasons.',
      },
    },
    {
      text: 'Speed up the vetting of judges and prosecutors.',
      decision: 'out_of_scope',
      rationale: 'Out of scope: vetting is run by the independent Independent Qualification Commission and the Appeal Chamber under the Constitution; the executive cannot set its pace through this plan.',
    },
    {
      text: 'Open legal aid centres outside Tirana as well.',
      decision: 'already_addressed',
      rationale: 'Already addressed: primary legal aid centres are operating outside Tirana and more are planned in the justice strategy; the commitment on legal aid information refers people to them.',
      commitments: ['aj1'],
    },
    {
      text: 'NGO lawyers who take legal aid cases should be paid by the state on time.',
      decision: 'noted',
      rationale: 'Noted: payment of legal aid providers is managed by the Directorate of Free Legal Aid, to which the remark was forwarded.',
    },
  ],
  ft: [
    {
      text: "Publish a simple citizens' budget that explains where the money goes.",
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Citizens' budget for the central government and municipalities' publishes one every year.",
      commitments: ['ft1'],
    },
    {
      text: 'Publish every payment made by the Treasury, every day, as open data.',
      decision: 'partially_accepted',
      rationale: 'Partially accepted: execution data will be published monthly by institution and economic item. Payment-level Treasury data need a legal basis and changes to the Treasury system; they will be assessed in 2022.',
      commitments: ['ft2'],
    },
    {
      text: 'CSOs should be able to comment on the budget before it goes to Parliament, not after.',
      decision: 'accepted',
      rationale: "Accepted: the commitment 'Public hearings on the medium-term budget programme' consults on the ceilings each spring, before the draft budget.",
      commitments: ['ft3'],
    },
    {
      text: 'Stop all public–private partnership contracts until they have been audited.',
      decision: 'not_accepted',
      rationale: 'Not accepted: suspending contracts in force would breach contractual obligations. The transparency of concessions and PPPs is addressed by the open contracting commitment in the Anti-Corruption area.',
    },
    {
      text: 'Reduce VAT on basic food products.',
      decision: 'out_of_scope',
      rationale: 'Out of scope: tax rates are fiscal policy decided with the annual budget law, not a transparency or participation reform.',
    },
    {
      text: 'The Supreme State Audit reports should be published on time.',
      decision: 'already_addressed',
      rationale: 'Already addressed: the Supreme State Audit Institution publishes its audit reports on its website and reports every year to Parliament; as an independent institution it is outside the plan.',
    },
    {
      text: 'Budget documents should be understandable for young people; use infographics.',
      decision: 'noted',
      rationale: "Noted: passed to the team preparing the citizens' budget, whose format will be tested with users.",
    },
  ],
};

// Question 4 ("how could the government involve civil society better?"), shared by the four surveys.
export const SURVEY_ENGAGEMENT: readonly ContributionText[] = [
  {
    text: 'Create a permanent council of government and civil society that follows the action plan from drafting to implementation.',
    decision: 'not_accepted',
    rationale: 'Not accepted for this cycle: the process is coordinated by the POC with the four LFPs, through thematic groups per area and a consultation of the National Council for Civil Society on the draft. A standing multi-stakeholder forum is not being set up in this cycle.',
  },
  {
    text: 'Send the materials well before the meetings so that we can prepare.',
    decision: 'already_addressed',
    rationale: 'Already addressed: the management calendar announces every consultation at least 14 days ahead, and the briefs are published on the OGP web when it is announced.',
  },
  {
    text: 'Because of COVID-19, allow people to take part online.',
    decision: 'already_addressed',
    rationale: 'Already addressed: the thematic group consultations are held in person with an online connection, and written comments are accepted for a week after each meeting.',
  },
  {
    text: 'Reach out to small CSOs outside Tirana, not only the well-known ones.',
    decision: 'noted',
    rationale: "Noted: each LFP invited CSOs from all regions using the Agency for Support of Civil Society's register; local CSOs will also be invited to municipal events during implementation.",
  },
  {
    text: 'Tell us what happened to our proposals.',
    decision: 'already_addressed',
    rationale: 'Already addressed: every contribution receives a reasoned response that is published on the OGP web, and the consultation reports list every contribution.',
  },
  {
    text: 'Use plain language and avoid acronyms in the briefs.',
    decision: 'noted',
    rationale: 'Noted: the policy briefs were revised with a glossary, and the POC will apply this to the materials of the public consultation.',
  },
];

// Ways respondents phrase the same proposal (the second respondent's answer).
export const SURVEY_ECHOES: readonly string[] = [
  'We see this in our monitoring work in {city}.',
  'This is the main concern of the people we work with in {city}.',
  'Our members in {city} raised this in every meeting this year.',
  'It would make a real difference in {city}.',
];

// ---------------------------------------------------------------------------------------------
// Thematic group consultations (Sept–Oct 2020) and the remarks recorded in their minutes.

export interface RemarkSpec extends ContributionText {
  /** `attendee`: recorded by the LFP from the minutes; `written`: sent by the stakeholder itself after the meeting; `anonymous`: a participant who did not give a name. */
  by: 'attendee' | 'written' | 'anonymous';
  /** Key of the contribution it repeats (marked duplicate instead of answered). */
  duplicateOf?: string;
}

export interface MeetingSpec {
  key: string;
  area: AreaKey;
  title: string;
  /** The meeting's start (UTC). */
  heldAt: string;
  place: string;
  anonymousCount: number;
  remarks: RemarkSpec[];
}

export const MEETINGS: readonly MeetingSpec[] = [
  {
    key: 'm1',
    area: 'ac',
    title: 'Thematic group: transparency in public procurement and asset declarations',
    heldAt: at('2020-09-29', '08:00'),
    place: 'Ministry of Justice, Tirana, and online',
    anonymousCount: 6,
    remarks: [
      {
        by: 'attendee',
        text: 'Publish red-flag indicators with the procurement data: single bidder, the same winner again and again, amendments right after signature.',
        decision: 'accepted',
        rationale: 'Accepted: red-flag indicators were added to the open procurement data commitment.',
        commitments: ['ac1'],
      },
      {
        by: 'attendee',
        text: 'Asset declarations should be published in a searchable format, not as scanned PDF files.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: declarations from 2021 onwards will be searchable and machine-readable; earlier declarations stay as scanned documents because converting them is not feasible in the plan period.',
        commitments: ['ac2'],
      },
      {
        by: 'attendee',
        text: 'Ban every company with any unpaid tax from all public tenders.',
        decision: 'not_accepted',
        rationale: 'Not accepted: exclusion grounds are set by the public procurement law in line with the EU directives; a blanket ban for any arrears would be disproportionate. Bidders already have to prove that their taxes are paid.',
      },
      {
        by: 'attendee',
        text: 'Decisions of the Public Procurement Commission on complaints should be public.',
        decision: 'already_addressed',
        rationale: 'Already addressed: the Public Procurement Commission publishes its decisions on complaints on its website.',
      },
      {
        by: 'written',
        text: 'Journalists and local CSOs will need training to use procurement data; please plan for it.',
        decision: 'noted',
        rationale: 'Noted: training of users will be part of the communication plan of the open procurement data commitment.',
      },
      {
        by: 'attendee',
        text: 'We repeat what we wrote in the survey: all contracts and their amendments must be open data.',
        duplicateOf: 'survey-ac-r00-q3',
      },
    ],
  },
  {
    key: 'm2',
    area: 'dg',
    title: 'Thematic group: e-Albania services and digital inclusion',
    heldAt: at('2020-10-01', '08:00'),
    place: 'National Agency for Information Society, Tirana, and online',
    anonymousCount: 5,
    remarks: [
      {
        by: 'attendee',
        text: 'Test the e-services with organisations of persons with disabilities before publishing changes.',
        decision: 'accepted',
        rationale: 'Accepted: a milestone of user testing with organisations of persons with disabilities was added.',
        commitments: ['dg1'],
      },
      {
        by: 'attendee',
        text: 'Every integrated service centre should have a trained digital assistant.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: 30 service points get trained assistants in the plan period; the rest follow as staff are recruited.',
        commitments: ['dg1'],
      },
      {
        by: 'attendee',
        text: 'Each ministry should have its own mobile app for its services.',
        decision: 'not_accepted',
        rationale: 'Not accepted: the Government keeps a single portal and app (e-Albania) so that citizens find every service in one place and data are entered once; separate apps would fragment services and cost more.',
        sentBack: {
          decision: 'noted',
          rationale: 'Noted.',
          comment: 'This is a concrete proposal: take a decision on it and give the reasons.',
        },
      },
      {
        by: 'attendee',
        text: 'Give free laptops to pupils from poor families.',
        decision: 'out_of_scope',
        rationale: 'Out of scope: equipment for pupils is a programme of the Ministry of Education, Sports and Youth, not an open government reform; the proposal was forwarded to it.',
      },
      {
        by: 'written',
        text: 'Explain in plain language which personal data each service uses and why.',
        decision: 'noted',
        rationale: 'Noted: the accessibility audit will also review the privacy notices of the 50 most used services.',
      },
      {
        by: 'anonymous',
        text: 'e-Albania must work well on mobile phones.',
        decision: 'already_addressed',
        rationale: 'Already addressed: e-Albania has a mobile application and its web pages are responsive.',
      },
    ],
  },
  {
    key: 'm3',
    area: 'aj',
    title: 'Thematic group: free legal aid and access to justice for vulnerable groups',
    heldAt: at('2020-10-06', '08:00'),
    place: 'Agency for Services, Tirana, and online',
    anonymousCount: 7,
    remarks: [
      {
        by: 'attendee',
        text: 'Information on free legal aid should also be given in Romani and in sign language.',
        decision: 'accepted',
        rationale: 'Accepted: information will be provided in Romani and in sign language.',
        commitments: ['aj1'],
      },
      {
        by: 'attendee',
        text: 'Legal aid centres should send mobile teams to villages.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: mobile information days will be held twice a year in four districts; permanent mobile teams are beyond the plan budget.',
        commitments: ['aj1'],
      },
      {
        by: 'attendee',
        text: 'Exempt NGOs from all court fees.',
        decision: 'not_accepted',
        rationale: 'Not accepted: court fees are set by law; the exemption already covers legal aid beneficiaries and strategic cases of public interest, and a general exemption for NGOs would need a change of the law outside this plan.',
      },
      {
        by: 'attendee',
        text: 'Victims of domestic violence need legal aid without having to prove their income.',
        decision: 'already_addressed',
        rationale: 'Already addressed: Law 111/2017 grants legal aid to victims of domestic violence regardless of their income.',
      },
      {
        by: 'written',
        text: 'Many court buildings are not accessible to wheelchair users.',
        decision: 'noted',
        rationale: 'Noted: forwarded to the High Judicial Council, which manages court buildings.',
      },
      {
        by: 'anonymous',
        text: 'The Code of Civil Procedure must be reformed to shorten trials.',
        decision: 'out_of_scope',
        rationale: 'Out of scope: procedural codes are amended by Parliament through the justice reform, not by the action plan.',
      },
    ],
  },
  {
    key: 'm4',
    area: 'ft',
    title: "Thematic group: citizens' budget and open budget data",
    heldAt: at('2020-10-08', '08:00'),
    place: 'Ministry of Finance and Economy, Tirana, and online',
    anonymousCount: 4,
    remarks: [
      {
        by: 'attendee',
        text: 'Budget execution data must show the programme level, not only the institution.',
        decision: 'accepted',
        rationale: 'Accepted: monthly execution data will be published by institution, programme and economic item.',
        commitments: ['ft2'],
      },
      {
        by: 'attendee',
        text: "The citizens' budget should come with the draft budget in October, when it can still change, not only after approval.",
        decision: 'accepted',
        rationale: "Accepted: a citizens' guide to the draft budget will be published with the draft each October.",
        commitments: ['ft1'],
      },
      {
        by: 'attendee',
        text: 'Budget hearings should also be held in the regions, not only in Tirana.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: one regional hearing per year besides the one in Tirana.',
        commitments: ['ft3'],
      },
      {
        by: 'attendee',
        text: 'Publish the salary of every civil servant by name.',
        decision: 'not_accepted',
        rationale: 'Not accepted: salaries by name are personal data protected by Law 9887/2008; salary scales by position and the wage bill of each institution are already published, which allows the scrutiny sought.',
        sentBack: {
          decision: 'not_accepted',
          rationale: 'Not possible.',
          comment: 'The rationale must explain why: cite the legal basis and say what is published instead.',
        },
      },
      {
        by: 'written',
        text: 'Cut the number of ministries to save money.',
        decision: 'out_of_scope',
        rationale: 'Out of scope: the structure of the Government is decided by the Prime Minister and Parliament, not by the action plan.',
      },
      {
        by: 'anonymous',
        text: 'Use the Open Budget Survey to measure progress.',
        decision: 'noted',
        rationale: 'Noted: the Open Budget Survey 2021 results will be used as the baseline of the fiscal transparency commitments.',
      },
    ],
  },
  {
    key: 'm5',
    area: 'ac',
    title: 'Thematic group: whistleblower protection and integrity in local government',
    heldAt: at('2020-10-13', '08:00'),
    place: 'Ministry of Justice, Tirana, and online',
    anonymousCount: 5,
    remarks: [
      {
        by: 'attendee',
        text: 'Whistleblowers need to hear what happened to their report within a fixed time.',
        decision: 'accepted',
        rationale: 'Accepted: the municipal channels will tell reporters within 30 days what was done.',
        commitments: ['ac3'],
      },
      {
        by: 'attendee',
        text: 'Every municipality, not only ten, should set up a whistleblowing unit.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: the law already requires units in larger institutions; the commitment supports ten municipalities first and will publish a guide for all 61.',
        commitments: ['ac3'],
      },
      {
        by: 'attendee',
        text: 'Pay cash rewards to whistleblowers.',
        decision: 'not_accepted',
        rationale: 'Not accepted: Law 60/2016 protects whistleblowers and does not reward them; rewards would need new legislation and raise concerns about abuse.',
      },
      {
        by: 'attendee',
        text: 'Municipalities should publish their integrity plans.',
        decision: 'already_addressed',
        rationale: 'Already addressed: publication of the integrity plans is part of the commitment on municipal whistleblowing channels.',
        commitments: ['ac3'],
      },
      {
        by: 'written',
        text: 'Local councillors should declare a conflict of interest before each vote.',
        decision: 'noted',
        rationale: 'Noted: forwarded to the High Inspectorate for the Declaration and Audit of Assets and Conflict of Interest for its guidance to local councils.',
      },
      {
        by: 'anonymous',
        text: 'Prosecute the officials of our municipality who took bribes for building permits.',
        decision: 'out_of_scope',
        rationale: 'Out of scope: individual allegations are for the prosecution; the participant was told how to report them to the Special Anti-Corruption Structure.',
      },
    ],
  },
  {
    key: 'm6',
    area: 'dg',
    title: 'Thematic group: open data and the national open data portal',
    heldAt: at('2020-10-15', '08:00'),
    place: 'National Agency for Information Society, Tirana, and online',
    anonymousCount: 8,
    remarks: [
      {
        by: 'attendee',
        text: 'Each dataset needs an update schedule and a named contact person.',
        decision: 'accepted',
        rationale: 'Accepted: every dataset of the commitment will have an update schedule and a contact.',
        commitments: ['dg2'],
      },
      {
        by: 'attendee',
        text: 'Publish air quality and water quality data.',
        decision: 'accepted',
        rationale: 'Accepted: air and water quality data are among the 30 high-value datasets.',
        commitments: ['dg2'],
      },
      {
        by: 'attendee',
        text: 'Provide the data through APIs, not only as downloadable files.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: APIs for the five most used datasets; the others as files.',
        commitments: ['dg2'],
      },
      {
        by: 'attendee',
        text: 'Open all the data of the civil registry.',
        decision: 'not_accepted',
        rationale: 'Not accepted: the civil registry holds personal data that cannot be published; aggregated population statistics are published by INSTAT.',
      },
      {
        by: 'written',
        text: 'Use an open licence for all the data on the portal.',
        decision: 'already_addressed',
        rationale: 'Already addressed: datasets on the portal are published under an open licence, and the commitment keeps it.',
        commitments: ['dg2'],
      },
      {
        by: 'anonymous',
        text: 'Organise a hackathon with students on the new datasets.',
        decision: 'noted',
        rationale: 'Noted: the agency will consider a hackathon once the first datasets are published.',
      },
    ],
  },
  {
    key: 'm7',
    area: 'aj',
    title: 'Thematic group: integrated service delivery and complaint handling',
    heldAt: at('2020-10-20', '08:00'),
    place: 'Agency for Services, Tirana, and online',
    anonymousCount: 6,
    remarks: [
      {
        by: 'attendee',
        text: 'Publish complaint statistics for each institution every quarter.',
        decision: 'accepted',
        rationale: 'Accepted: the dashboard will show complaints and outcomes per institution, updated every quarter.',
        commitments: ['aj2'],
      },
      {
        by: 'attendee',
        text: 'It should be possible to complain by phone, for people without internet.',
        decision: 'partially_accepted',
        rationale: 'Partially accepted: complaints will be taken through the free phone line of the service centres; a dedicated call centre is not funded.',
        commitments: ['aj2'],
      },
      {
        by: 'attendee',
        text: 'Fine the officials who do not answer complaints.',
        decision: 'not_accepted',
        rationale: 'Not accepted: sanctions for officials follow the disciplinary procedure of the civil service law; the public dashboard makes unanswered complaints visible instead.',
      },
      {
        by: 'attendee',
        text: 'Service centres should open on Saturday mornings.',
        decision: 'already_addressed',
        rationale: 'Already addressed: the centres in the largest cities already open on Saturday mornings.',
      },
      {
        by: 'written',
        text: 'Counter staff should wear name badges.',
        decision: 'noted',
        rationale: 'Noted: forwarded to the management of the integrated service centres.',
      },
      {
        by: 'attendee',
        text: 'Parties should be able to see the date of their next hearing online.',
        decision: 'accepted',
        rationale: 'Accepted: case tracking will show the date of the next hearing.',
        commitments: ['aj3'],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Online public consultation of the draft plan (Nov 2020) and the NCCS meeting.

export interface PublicCommentSpec extends ContributionText {
  key: string;
  /** `online`: the stakeholder posts it itself; `email`: the POC records it. */
  via: 'online' | 'email';
  /** Index into the stakeholders who commented (see the demo). */
  author: number;
  /** The commitment it comments on. */
  on?: string;
  receivedAt: string;
  duplicateOf?: string;
  /** Withdrawn by its author: never answered. */
  withdraw?: { at: string; reason: string };
  /** Arrived after closure: recorded as late and left unanswered. */
  late?: boolean;
}

export const PUBLIC_CONSULTATION = {
  title: 'Online public consultation of the draft National Action Plan 2020–2022',
  announcedAt: at('2020-10-23', '10:00'),
  opensAt: at('2020-11-09', '08:00'),
  closesAt: at('2020-11-23', '21:59'),
  closedAt: at('2020-11-23', '22:00'),
} as const;

export const PUBLIC_COMMENTS: readonly PublicCommentSpec[] = [
  {
    key: 'pc-1', via: 'online', author: 0, on: 'ac1', receivedAt: at('2020-11-10', '09:12'),
    text: 'The milestone on payments data comes too late; June 2022 is the end of the plan. Bring it forward.',
    decision: 'accepted',
    rationale: 'Accepted: the milestone on payments and concessions moves to March 2022.',
    commitments: ['ac1'],
  },
  {
    key: 'pc-2', via: 'online', author: 1, on: 'ft1', receivedAt: at('2020-11-11', '14:40'),
    text: "The citizens' budget should cover all 61 municipalities, not ten.",
    decision: 'partially_accepted',
    rationale: 'Partially accepted: the commitment now supports fifteen municipalities; all 61 is beyond the capacity available in the plan period.',
    commitments: ['ft1'],
  },
  {
    key: 'pc-3', via: 'email', author: 2, receivedAt: at('2020-11-12', '10:05'),
    text: 'Add a commitment on the independence of the public broadcaster.',
    decision: 'out_of_scope',
    rationale: 'Out of scope: media regulation is outside the four policy areas selected for this plan; the proposal is recorded for the selection of areas of the next plan.',
  },
  {
    key: 'pc-4', via: 'online', author: 3, on: 'aj3', receivedAt: at('2020-11-13', '16:20'),
    text: 'Remove the commitment on court case tracking; the courts should do this themselves.',
    decision: 'not_accepted',
    rationale: 'Not accepted: case tracking answers demands from the survey and the thematic group, and it is implemented with the courts, which keep responsibility for their data.',
  },
  {
    key: 'pc-5', via: 'online', author: 4, on: 'dg3', receivedAt: at('2020-11-14', '11:30'),
    text: 'The consultation register should say what was done with each comment.',
    decision: 'already_addressed',
    rationale: 'Already addressed: this is what the commitment on feedback in the electronic consultation register does.',
    commitments: ['dg3'],
  },
  {
    key: 'pc-6', via: 'email', author: 5, receivedAt: at('2020-11-16', '09:00'),
    text: 'The draft plan should have indicators of impact, not only milestones.',
    decision: 'noted',
    rationale: 'Noted: the final plan states the expected results of each commitment; impact indicators will be developed for the mid-term self-assessment.',
  },
  {
    key: 'pc-7', via: 'online', author: 6, on: 'dg1', receivedAt: at('2020-11-17', '15:45'),
    text: 'Include sign-language video guides for the main e-Albania services.',
    decision: 'accepted',
    rationale: 'Accepted: sign-language video guides were added to the commitment on accessible e-services.',
    commitments: ['dg1'],
  },
  {
    key: 'pc-8', via: 'online', author: 7, on: 'aj1', receivedAt: at('2020-11-18', '10:10'),
    text: 'The legal aid commitment should set a target for how many people are informed each year.',
    decision: 'accepted',
    rationale: 'Accepted: a target of at least 5,000 people informed each year was added.',
    commitments: ['aj1'],
  },
  {
    key: 'pc-9', via: 'online', author: 8, on: 'aj1', receivedAt: at('2020-11-18', '12:25'),
    text: 'The legal aid commitment should set a target of people informed each year.',
    duplicateOf: 'pc-8',
  },
  {
    key: 'pc-10', via: 'email', author: 9, on: 'aj1', receivedAt: at('2020-11-19', '08:50'),
    text: 'We support the coalition comment: a yearly target of people informed about legal aid is needed.',
    duplicateOf: 'pc-8',
  },
  {
    key: 'pc-11', via: 'online', author: 10, on: 'ac2', receivedAt: at('2020-11-19', '17:02'),
    text: 'Comment on asset declarations (draft, full text follows).',
    withdraw: { at: at('2020-11-20', '09:15'), reason: 'Sent by mistake before it was finished; replaced by our full comment.' },
  },
  {
    key: 'pc-12', via: 'online', author: 10, on: 'ac2', receivedAt: at('2020-11-20', '09:20'),
    text: 'Asset declarations should show the declared source of income for each asset, with third-party personal data hidden.',
    decision: 'partially_accepted',
    rationale: 'Partially accepted: the register will show the declared sources of income for each asset; supporting documents stay with the High Inspectorate because they hold third-party personal data.',
    commitments: ['ac2'],
  },
  {
    key: 'pc-13', via: 'email', author: 11, receivedAt: at('2020-11-25', '10:30'), late: true,
    text: 'Late comment: add a milestone on training municipal finance staff to publish budget data.',
  },
  {
    key: 'pc-14', via: 'email', author: 12, receivedAt: at('2020-11-26', '16:00'), late: true,
    text: 'We could not comment in time because of the lockdown: please extend the consultation.',
  },
];

export const COUNCIL_MEETING = {
  title: 'Consultation meeting with the National Council for Civil Society on the draft action plan',
  announcedAt: at('2020-11-10', '10:00'),
  opensAt: at('2020-11-26', '08:00'),
  closesAt: at('2020-11-27', '15:59'),
  closedAt: at('2020-11-27', '16:00'),
  anonymousCount: 11,
} as const;

/** How the POC leaves each remark of the NCCS meeting (the rest of the process is complete). */
export type CouncilFlow = 'published' | 'endorsed' | 'responded' | 'unanswered';

export const COUNCIL_REMARKS: readonly (ContributionText & { key: string; flow: CouncilFlow })[] = [
  {
    key: 'nc-1', flow: 'responded',
    text: 'The Council asks to be informed of the implementation of the plan every six months.',
    decision: 'noted',
    rationale: 'Noted: the POC will present the self-assessment reports to the Council.',
  },
  {
    key: 'nc-2', flow: 'published',
    text: 'Budget hearings should be announced on the electronic consultation register like draft laws.',
    decision: 'accepted',
    rationale: 'Accepted: the hearings on the medium-term budget programme will be announced on the electronic consultation register.',
    commitments: ['ft3'],
  },
  {
    key: 'nc-3', flow: 'endorsed',
    text: 'The draft should stay open for comments for at least two weeks.',
    decision: 'already_addressed',
    rationale: 'Already addressed: the draft was open for comments online from 9 to 23 November 2020.',
  },
  {
    key: 'nc-4', flow: 'published',
    text: 'Postpone the submission of the plan until a forum of government and civil society has been set up.',
    decision: 'not_accepted',
    rationale: 'Not accepted: the plan is submitted in December 2020 so that there is no gap with the previous plan; setting up a forum will be considered for the next cycle.',
  },
  {
    key: 'nc-5', flow: 'unanswered',
    text: 'CSO representatives should attend the GMIP meeting that approves the plan.',
  },
];

// ---------------------------------------------------------------------------------------------
// Survey questions and report texts.

export const PARTICIPATION_OPTIONS = ['In-person meeting', 'Online meeting', 'Written comments', 'I cannot take part'] as const;

export function surveyQuestions(area: AreaSpec) {
  return [
    { id: 'q1', text: `Which issue should the action plan address first in ${area.name}?`, type: 'choice' as const, options: area.priorities },
    { id: 'q2', text: 'How would you like to take part in the thematic consultations?', type: 'choice' as const, options: [...PARTICIPATION_OPTIONS] },
    { id: 'q3', text: `What is the main problem the action plan should address in ${area.name}, and what do you propose?`, type: 'text' as const },
    { id: 'q4', text: 'How could the government involve civil society better in this process?', type: 'text' as const },
  ];
}

export const REPORT_FEEDBACK_ROUNDS: readonly { section: string; comment: string }[][] = [
  [
    { section: 'Participation', comment: 'Give the number of invited and participating stakeholders, by type and region.' },
    { section: 'Contributions', comment: 'List every contribution with its decision and rationale, using the template table.' },
  ],
  [{ section: 'Follow-up', comment: 'Say which commitments changed because of the contributions, and how.' }],
];
