// The layering of the house (docs/architecture.md draws it), checked by `npm run check`.
// Where today's code breaks a rule, the files are listed below as known exceptions, each list with
// the issue-13 step that removes it; any other file (new code included) must follow the rule.

const exactly = (files) => files.map((file) => `^${file.replace(/[.]/g, '\\.')}$`);

/**
 * Files that sit at the HTTP edge by their role: src/http, controllers and their DTOs, guards, exception filters,
 * the app's wiring, and the website's own edge (it answers HTML pages: their parameters, rendering and errors).
 */
const HTTP_EDGE = [
  '^src/http/',
  '\\.controller\\.ts$',
  '\\.dto\\.ts$',
  '\\.guard\\.ts$',
  '\\.filter\\.ts$',
  '^src/(main|bootstrap|app\\.module)\\.ts$',
  '^src/web/web-(params|renderer)\\.ts$',
];

// Known exception, removed by issue-13 "HTTP out of the write and read engines" (engines and queries
// throw coded errors; one filter maps codes to statuses): these choose an HTTP status through src/http/problem.ts.
const CHOOSE_A_STATUS = exactly([
  'projections/accountability/accountability.queries.ts',
  'projections/accountability/duplicate-candidates.queries.ts',
  'projections/commitment-traceability/commitment-traceability.queries.ts',
  'projections/consultation-summary/consultation-summary.queries.ts',
  'projections/cycle-timeline/cycle-timeline.queries.ts',
  'projections/cycles/cycles.queries.ts',
  'projections/policy-area-dashboard/policy-area-dashboard.queries.ts',
  'projections/reasoned-response/reasoned-response.queries.ts',
  'projections/reports/reports.queries.ts',
  'projections/stakeholder-contributions/stakeholder-contributions.queries.ts',
  'projections/survey-results/survey-results.queries.ts',
  'src/audit/as-of/as-of-point.ts',
  'src/audit/as-of/as-of.service.ts',
  'src/audit/compliance/compliance.queries.ts',
  'src/audit/events/event-lookup.ts',
  'src/audit/exports/exports.service.ts',
  'src/audit/history/contribution-history.queries.ts',
  'src/command-handling/aggregate-store.ts',
  'src/command-handling/command-request.ts',
  'src/command-handling/idempotency.interceptor.ts',
  'src/contributions/import/contribution-importer.ts',
  'src/projection-runner/consistency.service.ts',
  'src/read-side/pagination.ts',
  'src/web/queries/common.ts',
]);

// Known exception, removed by issue-13 "HTTP out of the write and read engines" (command handling takes
// the actor, request id and id seed from the command's metadata; the idempotency interceptor moves to
// src/http): these read the HTTP request context.
const READ_THE_REQUEST = exactly([
  'src/command-handling/aggregate-store.ts',
  'src/command-handling/idempotency.interceptor.ts',
  'src/commitments/commands/draft-commitment.command.ts',
  'src/contributions/import/contribution-importer.ts',
  'src/consultations/commands/announce-consultation.command.ts',
  'src/consultations/commands/publish-material.command.ts',
  'src/consultations/commands/submit-survey-response.command.ts',
  'src/contributions/commands/receive-contribution.command.ts',
  'src/cycles/commands/add-policy-area.command.ts',
  'src/cycles/commands/open-cycle.command.ts',
  'src/cycles/commands/record-forum-meeting.command.ts',
  'src/cycles/commands/schedule-milestone.command.ts',
  'src/reports/commands/draft-report.command.ts',
  'src/stakeholders/commands/register-stakeholder.command.ts',
]);

// Known exception, removed by issue-13 "HTTP out of the write and read engines" (ApiProblems moves to
// src/http): the read-model controllers take ApiProblems from src/command-handling/command-response.ts.
const API_PROBLEMS_FROM_COMMAND_HANDLING = exactly([
  'projections/accountability/accountability.controller.ts',
  'projections/accountability/duplicate-candidates.controller.ts',
  'projections/commitment-traceability/commitment-traceability.controller.ts',
  'projections/consultation-summary/consultation-summary.controller.ts',
  'projections/cycle-timeline/cycle-timeline.controller.ts',
  'projections/cycles/cycles.controller.ts',
  'projections/directory/stakeholders.controller.ts',
  'projections/policy-area-dashboard/policy-area-dashboard.controller.ts',
  'projections/reasoned-response/reasoned-response.controller.ts',
  'projections/reports/reports.controller.ts',
  'projections/stakeholder-contributions/stakeholder-contributions.controller.ts',
  'projections/survey-results/survey-results.controller.ts',
]);

// Known exception, removed by issue-13 "HTTP out of the write and read engines" (what writes a response
// body moves to src/http): these stream into an Express Response for their controllers.
const WRITE_THE_RESPONSE = exactly(['src/audit/exports/export-stamp.ts', 'src/audit/integrity/ndjson.ts']);

// Known exceptions, removed by issue-13 "HTTP out of the write and read engines": the bulk intake (issue 10,
// being rewritten at the same time) checks each NDJSON line with the edge's own guard and validation pipe, and
// command-request.ts (the command body's common fields and the meta read from the request) is edge code that
// still lives in command handling. They may use src/http's validation and request guard.
const VALIDATE_LIKE_THE_EDGE = exactly(['src/contributions/import/contribution-importer.ts', 'src/command-handling/command-request.ts']);

/** Nothing outside src/event-store/<adapter>/ imports the adapter, but the composition roots that choose it. */
const adapterRule = (adapter) => ({
  name: 'adapters-stay-behind-the-port',
  comment:
    `Nothing outside src/event-store/${adapter}/ imports it. The exceptions are composition roots: the factory ` +
    'that picks the adapter from the config, and the migration registry that lists its schema.',
  severity: 'error',
  from: {
    path: '^(src|projections|demo)/',
    pathNot: [`^src/event-store/${adapter}/`, '^src/event-store/event-store\\.factory\\.ts$', '^src/database/registry\\.ts$'],
  },
  to: { path: `^src/event-store/${adapter}/` },
});

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'A domain folder (deciders, events, errors) and src/shared import no framework and no infrastructure: no NestJS, ' +
        'TypeORM, pg or HTTP, and nothing of this project but the domains, src/shared and the event store port (its types).',
      severity: 'error',
      from: { path: '^src/([^/]+/domain|shared)/' },
      to: { pathNot: ['^src/[^/]+/domain/', '^src/shared/', '^src/event-store/event-store\\.port\\.ts$', '^(node:)?crypto$'] },
    },
    {
      name: 'projections-do-not-command',
      comment: 'Projections read only events: they never import command handling (handlers, commands, the aggregate store).',
      severity: 'error',
      from: { path: '^projections/', pathNot: API_PROBLEMS_FROM_COMMAND_HANDLING },
      to: { path: ['^src/command-handling/', '^src/[^/]+/commands/'] },
    },
    {
      name: 'projections-do-not-command',
      comment: 'The known exceptions above may take ApiProblems, nothing else from command handling.',
      severity: 'error',
      from: { path: API_PROBLEMS_FROM_COMMAND_HANDLING },
      to: { path: ['^src/command-handling/', '^src/[^/]+/commands/'], pathNot: '^src/command-handling/command-response\\.ts$' },
    },
    {
      name: 'commands-do-not-read-projections',
      comment: 'A command is decided on its aggregate\'s events (and other aggregates\' through ContextLoader), never on read models.',
      severity: 'error',
      from: { path: ['^src/command-handling/', '^src/(?!cli/)[^/]+/commands/', '^src/[^/]+/domain/'] },
      to: { path: '^projections/' },
    },
    {
      name: 'demo-is-a-client',
      comment: 'The demo talks to the service over HTTP only: it may use the domains\' vocabularies, not the engines.',
      severity: 'error',
      from: { path: '^demo/' },
      to: { path: ['^src/(command-handling|projection-runner|event-store|database|audit|read-side)/', '^projections/', '^src/[^/]+/commands/'] },
    },
    adapterRule('postgres'),
    adapterRule('eventstoredb'),
    {
      name: 'only-the-edge-knows-http',
      comment: 'Express and src/http are known only at the HTTP edge: src/http, controllers, DTOs, guards, the app wiring.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: [...HTTP_EDGE, ...WRITE_THE_RESPONSE, ...VALIDATE_LIKE_THE_EDGE] },
      to: {
        path: ['^src/http/', '^node_modules/(express|@types/express|@nestjs/platform-express|supertest|@types/supertest)/'],
        pathNot: ['^src/http/problem\\.ts$', '^src/http/request-context\\.ts$'],
      },
    },
    {
      name: 'only-the-edge-knows-http',
      comment: 'The known exceptions that validate like the edge may use its validation and request guard, not Express.',
      severity: 'error',
      from: { path: VALIDATE_LIKE_THE_EDGE },
      to: {
        path: ['^src/http/', '^node_modules/(express|@types/express|@nestjs/platform-express|supertest|@types/supertest)/'],
        pathNot: ['^src/http/(problem|request-context|validation|request-guard)\\.ts$'],
      },
    },
    {
      name: 'only-the-edge-knows-http',
      comment: 'The known exceptions that write a response may use Express, nothing else of src/http.',
      severity: 'error',
      from: { path: WRITE_THE_RESPONSE },
      to: { path: '^src/http/', pathNot: ['^src/http/problem\\.ts$', '^src/http/request-context\\.ts$'] },
    },
    {
      name: 'only-the-edge-knows-http',
      comment: 'Choosing an HTTP status (src/http/problem.ts) is the edge\'s job; the known exceptions are listed above.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: [...HTTP_EDGE, ...CHOOSE_A_STATUS] },
      to: { path: '^src/http/problem\\.ts$' },
    },
    {
      name: 'only-the-edge-knows-http',
      comment: 'The HTTP request context (src/http/request-context.ts) is the edge\'s; the known exceptions are listed above.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: [...HTTP_EDGE, ...READ_THE_REQUEST] },
      to: { path: '^src/http/request-context\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports count: a domain that imports a framework's type still knows the framework.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
