import { chartFigure } from '../charts.js';
import { html, type Html } from '../html.js';
import type { CommitmentVM, ConsultationVM, ContributionItemVM, ContributionVM, CycleVM, HomeVM, MatrixVM, StakeholderVM } from '../view-models/pages.js';
import { facts, figures, linkList, page, pager, select, type Chrome } from './layout.js';

const decisionBadge = (decision: string | null) => (decision ? html`<span class="badge">${decision}</span>` : '');

export function homePage(c: Chrome, vm: HomeVM): Html {
  const { t } = c;
  return page(
    c,
    vm.layout,
    html`<p class="lead">${t.t('home.intro')}</p>
  <section aria-labelledby="cycles-h"><h2 id="cycles-h">${t.t('home.cycles')}</h2>
  ${vm.cycles.length === 0 ? html`<p>${t.t('home.none')}</p>` : ''}
  <ul class="cards">${vm.cycles.map(
    (x) => html`<li class="card"><h3><a href="${x.href}">${x.title}</a></h3>
    <p>${x.country} · ${x.period}</p><p>${t.t('cycle.stage')}: <strong>${x.stage}</strong></p></li>`,
  )}</ul></section>`,
  );
}

export function cyclePage(c: Chrome, vm: CycleVM): Html {
  const { t } = c;
  const tableCaption = t.t('chart.table');
  return page(
    c,
    vm.layout,
    html`${facts(vm.facts)}
  <section aria-labelledby="figures-h"><h2 id="figures-h">${t.t('cycle.figures')}</h2>${figures(vm.figures)}
  <p><a href="${vm.matrix.href}">${vm.matrix.label}</a></p>
  <div class="charts">${vm.charts.map((chart) => chartFigure(chart, tableCaption))}</div></section>

  <section aria-labelledby="timeline-h" id="timeline"><h2 id="timeline-h">${t.t('cycle.timeline')}</h2>
  <ol class="stages">${vm.stages.map((s) => html`<li class="${s.current ? 'current' : s.done ? 'done' : 'todo'}"${s.current ? html` aria-current="step"` : ''}><span>${s.label}</span> <span class="muted">${s.date ?? t.t('cycle.notYet')}</span></li>`)}</ol>

  <h3 id="milestones">${t.t('cycle.milestones')}</h3>
  <div class="table-wrap"><table><caption class="sr-only">${t.t('cycle.milestones')}</caption>
  <thead><tr><th scope="col">${t.t('milestone.title')}</th><th scope="col">${t.t('cycle.stage')}</th><th scope="col">${t.t('milestone.due')}</th><th scope="col">${t.t('milestone.completed')}</th><th scope="col">${t.t('milestone.state')}</th></tr></thead>
  <tbody>${vm.milestones.map((m) => html`<tr><td>${m.title}${m.evidence ? html`<br><span class="muted">${m.evidence}</span>` : ''}</td><td>${m.stage}</td><td>${m.due}</td><td>${m.done ?? '—'}</td><td>${m.state}</td></tr>`)}</tbody></table></div>

  <h3 id="forum">${t.t('cycle.forum')}</h3>
  ${vm.noForumMeeting ? html`<p class="warning">${t.t('cycle.noForum')}</p>` : html`<ul>${vm.forumMeetings.map((m) => html`<li>${m.date} · ${m.attendees}${m.minutes ? html` · <a href="${m.minutes}">${t.t('cycle.minutes')}</a>` : ''}</li>`)}</ul>`}

  <h3 id="consultations">${t.t('cycle.consultations')}</h3>
  <ul class="cards">${vm.consultations.map(
    (x) => html`<li class="card"><h4><a href="${x.href}">${x.title}</a></h4><p>${x.kind} · ${x.area}</p><p>${x.opens} – ${x.closes}</p>${x.report ? html`<p><a href="${x.report.href}">${x.report.label}</a></p>` : ''}</li>`,
  )}</ul>

  <h3 id="plans">${t.t('cycle.draftPlans')}</h3>
  ${vm.draftPlans.length ? html`<ul>${vm.draftPlans.map((p) => html`<li><a href="${p.href}">${p.label}</a> · ${p.date}</li>`)}</ul>` : html`<p>${t.t('cycle.noDraftPlan')}</p>`}

  <h3 id="approval">${t.t('cycle.approvalAndSubmission')}</h3>
  <p>${vm.approval ?? t.t('cycle.notApproved')}</p><p>${vm.submission ?? t.t('cycle.notSubmitted')}</p>
  </section>

  <section aria-labelledby="commitments-h"><h2 id="commitments-h">${t.t('cycle.commitments')}</h2>
  <ul>${vm.commitments.map((x) => html`<li><a href="${x.href}">${x.title}</a> <span class="muted">· ${x.area} · ${x.status}</span></li>`)}</ul></section>

  <section aria-labelledby="compliance-h" id="compliance"><h2 id="compliance-h">${t.t('cycle.compliance')}</h2>
  <p>${t.t('cycle.complianceIntro')}</p>
  <ul class="checks">${vm.checks.map(
    (x) => html`<li class="check ${x.status}"><h3>${x.title} <span class="status status-${x.status}">${x.statusLabel}</span></h3>
    <ul>${x.findings.map((f) => html`<li>${f}</li>`)}</ul>
    ${x.evidence.length ? html`<details><summary>${t.t('cycle.evidence')}</summary><ul>${x.evidence.map((e) => html`<li>${e.href ? html`<a href="${e.href}">${e.text}</a>` : e.text}</li>`)}</ul></details>` : ''}</li>`,
  )}</ul></section>`,
  );
}

function contributionCard(c: Chrome, x: ContributionItemVM): Html {
  const { t } = c;
  return html`<li class="card contribution"><h3><a href="${x.href}">${x.heading}</a> ${decisionBadge(x.decision)}</h3>
  <p class="muted">${x.meta}${x.from ? html` · ${t.t('contribution.from')}: <a href="${x.from.href}">${x.from.label}</a>` : ''}</p>
  ${x.body !== null ? html`<blockquote>${x.body}</blockquote>` : html`<p class="muted"><em>${x.bodyNote}</em></p>`}
  ${x.rationale ? html`<p><strong>${t.t('contribution.response')}:</strong> ${x.rationale}</p>` : ''}
  ${x.commitments.length ? html`<p>${t.t('contribution.commitments')}:</p>${linkList(x.commitments)}` : ''}</li>`;
}

export function consultationPage(c: Chrome, vm: ConsultationVM): Html {
  const { t } = c;
  return page(
    c,
    vm.layout,
    html`${facts(vm.facts)}
  ${vm.description ? html`<p class="lead">${vm.description}</p>` : ''}
  <section aria-labelledby="counts-h"><h2 id="counts-h">${t.t('consultation.counts')}</h2>${figures(vm.counts)}
  ${vm.chart ? chartFigure(vm.chart, t.t('chart.table')) : ''}</section>
  <section aria-labelledby="materials-h" id="materials"><h2 id="materials-h">${t.t('consultation.materials')}</h2>
  ${vm.materials.length ? html`<ul>${vm.materials.map((m) => html`<li><a href="${m.href}">${m.title}</a> <span class="muted">· ${m.kind} · ${m.date}</span></li>`)}</ul>` : html`<p>${t.t('consultation.noMaterials')}</p>`}</section>
  <section aria-labelledby="report-h" id="report"><h2 id="report-h">${t.t('consultation.report')}</h2>
  ${vm.report ? html`<p>${vm.report.summary}</p><p class="muted">${t.t('consultation.reportPublishedOn', { date: vm.report.date })}${vm.report.href ? html` · <a href="${vm.report.href}">${t.t('consultation.readReport')}</a>` : ''}</p>` : html`<p>${t.t('consultation.noReport')}</p>`}</section>
  <section aria-labelledby="contributions-h" id="contributions"><h2 id="contributions-h">${t.t('consultation.contributions')}</h2>
  <form class="filters" method="get" action="${vm.filter.action}#contributions">
    ${select('f-decision', 'decision', t.t('contribution.decision'), t.t('filter.any'), vm.filter.decisions)}
    ${select('f-status', 'status', t.t('contribution.status'), t.t('filter.any'), vm.filter.statuses)}
    ${vm.filter.asOf ? html`<input type="hidden" name="asOf" value="${vm.filter.asOf}">` : ''}
    <button type="submit">${t.t('filter.apply')}</button>
  </form>
  ${vm.empty ? html`<p>${t.t('consultation.noContributions')}</p>` : html`<ul class="cards">${vm.contributions.map((x) => contributionCard(c, x))}</ul>`}
  ${pager(t, vm.first, vm.next)}</section>`,
  );
}

export function contributionPage(c: Chrome, vm: ContributionVM): Html {
  const { t } = c;
  return page(
    c,
    vm.layout,
    html`<div class="said-did">
  <section aria-labelledby="said-h" class="panel"><h2 id="said-h">${t.t('contribution.youSaid')}</h2>
  ${vm.said.body !== null ? html`<blockquote>${vm.said.body}</blockquote>` : html`<p class="muted"><em>${vm.said.note}</em></p>`}
  ${facts(vm.said.facts)}</section>
  <section aria-labelledby="did-h" class="panel"><h2 id="did-h">${t.t('contribution.weDid')}</h2>
  <p>${vm.did.decision ? html`<span class="badge">${vm.did.decision}</span> ` : ''}${vm.did.addressed}</p>
  ${vm.did.rationale ? html`<p>${vm.did.rationale}</p>` : ''}
  ${facts(vm.did.facts)}
  ${vm.did.commitments.length ? html`<h3>${t.t('contribution.commitments')}</h3>${linkList(vm.did.commitments)}` : ''}</section>
  </div>
  ${vm.canonical ? html`<p>${vm.canonical.href ? html`<a href="${vm.canonical.href}">${vm.canonical.text}</a>` : vm.canonical.text}</p>` : ''}
  ${vm.duplicates.length ? html`<section aria-labelledby="dup-h"><h2 id="dup-h">${t.t('contribution.duplicates')}</h2>${linkList(vm.duplicates)}</section>` : ''}
  ${vm.fed.length ? html`<section aria-labelledby="fed-h"><h2 id="fed-h">${t.t('contribution.fed')}</h2>${linkList(vm.fed)}</section>` : ''}
  <section aria-labelledby="history-h"><h2 id="history-h">${t.t('contribution.history')}</h2>
  <ol class="timeline">${vm.timeline.map((e) => html`<li><span class="when">${e.date}</span> ${e.href ? html`<a href="${e.href}">${e.text}</a>` : e.text}${e.detail ? html`<p>${e.detail}</p>` : ''}</li>`)}</ol></section>`,
  );
}

export function commitmentPage(c: Chrome, vm: CommitmentVM): Html {
  const { t } = c;
  return page(
    c,
    vm.layout,
    html`${facts(vm.facts)}
  ${vm.problem ? html`<section aria-labelledby="problem-h"><h2 id="problem-h">${t.t('commitment.problem')}</h2><p>${vm.problem}</p></section>` : ''}
  ${vm.description ? html`<section aria-labelledby="desc-h"><h2 id="desc-h">${t.t('commitment.description')}</h2><p>${vm.description}</p></section>` : ''}
  ${vm.milestones.length ? html`<section aria-labelledby="ms-h"><h2 id="ms-h">${t.t('commitment.milestones')}</h2><ul>${vm.milestones.map((m) => html`<li>${m.title} <span class="muted">· ${m.due}</span></li>`)}</ul></section>` : ''}
  <section aria-labelledby="shaped-h"><h2 id="shaped-h">${t.t('commitment.shapedBy')}</h2>
  ${vm.contributions.length ? html`<ul>${vm.contributions.map((x) => html`<li><a href="${x.href}">${x.label}</a> <span class="muted">· ${x.decision} · ${x.via}</span></li>`)}</ul>` : html`<p>${t.t('commitment.noContributions')}</p>`}</section>
  <section aria-labelledby="rev-h"><h2 id="rev-h">${t.t('commitment.revisions')}</h2>
  ${vm.revisions.length ? html`<ol class="timeline">${vm.revisions.map(
    (r) => html`<li><h3>${r.heading}</h3>${r.changed ? html`<p class="muted">${r.changed}</p>` : ''}
    <dl class="facts">${r.fields.map((f) => html`<div><dt>${f.term}</dt><dd>${f.value}</dd></div>`)}</dl>
    ${r.because.length ? html`<p>${t.t('commitment.inResponseTo')}</p>${linkList(r.because)}` : ''}${r.unpublished ? html`<p class="muted">${r.unpublished}</p>` : ''}</li>`,
  )}</ol>` : html`<p>${t.t('commitment.noRevisions')}</p>`}</section>`,
  );
}

export function matrixPage(c: Chrome, vm: MatrixVM): Html {
  const { t } = c;
  return page(
    c,
    vm.layout,
    html`<p>${t.t('matrix.intro')} <a href="${vm.csv}" download>${t.t('matrix.csv')}</a></p>
  <form class="filters" method="get" action="${vm.filter.action}">
    <div class="field"><label for="f-q">${t.t('filter.search')}</label><input id="f-q" name="q" type="search" value="${vm.filter.q}" maxlength="200"></div>
    ${select('f-decision', 'decision', t.t('contribution.decision'), t.t('filter.any'), vm.filter.decisions)}
    ${select('f-area', 'policyAreaId', t.t('cycle.policyArea'), t.t('filter.any'), vm.filter.areas)}
    ${select('f-consultation', 'consultationId', t.t('contribution.consultation'), t.t('filter.any'), vm.filter.consultations)}
    ${vm.filter.asOf ? html`<input type="hidden" name="asOf" value="${vm.filter.asOf}">` : ''}
    <button type="submit">${t.t('filter.apply')}</button>
  </form>
  ${vm.empty ? html`<p>${t.t('matrix.none')}</p>` : html`<div class="table-wrap matrix"><table>
  <caption class="sr-only">${vm.layout.title}</caption>
  <thead><tr><th scope="col">${t.t('matrix.contribution')}</th><th scope="col">${t.t('contribution.consultation')}</th><th scope="col">${t.t('cycle.policyArea')}</th><th scope="col">${t.t('contribution.channel')}</th><th scope="col">${t.t('matrix.said')}</th><th scope="col">${t.t('contribution.decision')}</th><th scope="col">${t.t('matrix.rationale')}</th><th scope="col">${t.t('contribution.commitments')}</th></tr></thead>
  <tbody>${vm.rows.map(
    (r) => html`<tr><th scope="row"><a href="${r.href}">${r.id}</a></th><td><a href="${r.consultation.href}">${r.consultation.label}</a></td><td>${r.area}</td><td>${r.channel}</td>
    <td>${r.body ?? html`<em class="muted">${r.bodyNote}</em>`}</td><td>${r.decision}</td><td>${r.rationale}</td><td>${r.commitments.map((x, i) => html`${i ? '; ' : ''}<a href="${x.href}">${x.label}</a>`)}</td></tr>`,
  )}</tbody></table></div>`}
  ${pager(t, vm.first, vm.next)}`,
  );
}

export function stakeholderPage(c: Chrome, vm: StakeholderVM): Html {
  const { t } = c;
  return page(
    c,
    vm.layout,
    html`<p>${vm.kind}</p>
  <section aria-labelledby="said-h"><h2 id="said-h">${t.t('stakeholder.said')}</h2>
  ${vm.empty ? html`<p>${t.t('stakeholder.none')}</p>` : html`<ul class="cards">${vm.contributions.map(
    (x) => html`<li class="card contribution"><h3><a href="${x.href}">${x.heading}</a> ${decisionBadge(x.decision)}</h3>
    <p class="muted">${x.meta} · <a href="${x.consultation.href}">${x.consultation.label}</a></p>
    ${x.body !== null ? html`<blockquote>${x.body}</blockquote>` : html`<p class="muted"><em>${x.bodyNote}</em></p>`}
    ${x.rationale ? html`<p><strong>${t.t('contribution.response')}:</strong> ${x.rationale}</p>` : ''}
    ${x.commitments.length ? html`<p>${t.t('contribution.commitments')}:</p>${linkList(x.commitments)}` : ''}</li>`,
  )}</ul>`}
  ${pager(t, vm.first, vm.next)}</section>`,
  );
}

export function errorPage(c: Chrome, status: number, title: string, detail: string): Html {
  const { t } = c;
  return page(
    c,
    { lang: t.locale, title, breadcrumbs: [], stamp: '', now: null, asOf: null },
    html`<p>${detail}</p><p><a href="/">${t.t('error.home')}</a></p><p class="muted">${t.t('error.status', { status })}</p>`,
  );
}
