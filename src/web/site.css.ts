/** The site's one stylesheet: mobile first (375 px and up), AA contrast, visible focus, a print style for the matrix. */
export const SITE_CSS = `
:root { --text: #1f2328; --muted: #4d5560; --link: #0b57a4; --bg: #ffffff; --panel: #f4f6f8; --line: #c9d1d9; --accent: #0b57a4;
  --met: #116329; --not-met: #a40e26; --pending: #6a4a00; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--text); background: var(--bg); overflow-wrap: anywhere; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); text-underline-offset: 2px; }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #c15700; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.site { background: var(--accent); color: #fff; }
header.site .wrap { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; padding-top: .75rem; padding-bottom: .75rem; }
header.site a { color: #fff; }
.brand { font-weight: 700; font-size: 1.125rem; text-decoration: none; }
.languages ul, .breadcrumbs ol, ul.inline, .pager ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.languages span[aria-current] { font-weight: 700; text-decoration: underline; }
.breadcrumbs { margin-top: 1rem; font-size: .9375rem; }
.breadcrumbs li + li::before { content: "›"; margin-right: .5rem; color: var(--muted); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 .5rem; }
h2 { font-size: 1.375rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.125rem; margin: 1.25rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .25rem; }
.stamp { color: var(--muted); font-size: .9375rem; }
.lead { font-size: 1.0625rem; }
.muted { color: var(--muted); }
.warning { border-left: 4px solid var(--not-met); padding: .5rem .75rem; background: #fff0f0; }
.facts { display: grid; grid-template-columns: 1fr; gap: .25rem 1rem; margin: 1rem 0; }
.facts div { display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: .5rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.figures { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; }
.figures li { background: var(--panel); border: 1px solid var(--line); border-radius: .375rem; padding: .75rem; }
.figure-value { display: block; font-size: 1.5rem; font-weight: 700; }
.cards { list-style: none; padding: 0; display: grid; gap: .75rem; }
.card { border: 1px solid var(--line); border-radius: .375rem; padding: .75rem 1rem; }
.card p { margin: .25rem 0; }
.card h3 { margin-top: 0; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 4px solid var(--line); background: var(--panel); }
.badge { display: inline-block; font-size: .8125rem; font-weight: 600; padding: 0 .5rem; border-radius: 1rem; border: 1px solid var(--accent); color: var(--accent); background: #fff; }
.charts { display: grid; grid-template-columns: 1fr; gap: 1rem; }
.chart { margin: 0; border: 1px solid var(--line); border-radius: .375rem; padding: .75rem; }
.chart figcaption { font-weight: 600; margin-bottom: .5rem; }
.chart-svg { width: 100%; height: auto; display: block; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9375rem; }
th, td { text-align: left; vertical-align: top; padding: .375rem .5rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--panel); }
.stages { list-style: none; padding: 0; display: grid; gap: .25rem; }
.stages li { padding: .25rem .5rem; border-left: 4px solid var(--line); }
.stages li.done { border-color: var(--met); }
.stages li.current { border-color: var(--accent); font-weight: 700; }
.checks { list-style: none; padding: 0; display: grid; gap: .75rem; }
.check { border: 1px solid var(--line); border-left-width: 6px; border-radius: .375rem; padding: .5rem 1rem; }
.check.met { border-left-color: var(--met); } .check.not_met { border-left-color: var(--not-met); } .check.pending { border-left-color: var(--pending); }
.status { font-size: .875rem; font-weight: 700; white-space: nowrap; }
.status-met { color: var(--met); } .status-not_met { color: var(--not-met); } .status-pending { color: var(--pending); }
.timeline { padding-left: 1.25rem; }
.timeline li { margin: .5rem 0; }
.when { font-weight: 600; margin-right: .25rem; }
.said-did { display: grid; grid-template-columns: 1fr; gap: 1rem; }
.panel { border: 1px solid var(--line); border-radius: .375rem; padding: 0 1rem; }
.filters, .as-of { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: 1rem 0; }
.field { display: flex; flex-direction: column; min-width: 10rem; flex: 1 1 12rem; }
label { font-weight: 600; }
select, input, button { font: inherit; padding: .375rem .5rem; border: 1px solid var(--muted); border-radius: .25rem; background: #fff; color: var(--text); min-height: 2.75rem; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.pager { margin: 1rem 0; }
footer.site { margin-top: 3rem; border-top: 1px solid var(--line); background: var(--panel); font-size: .9375rem; }
@media (min-width: 48rem) {
  .facts { grid-template-columns: 1fr 1fr; }
  .charts { grid-template-columns: 1fr 1fr; }
  .said-did { grid-template-columns: 1fr 1fr; }
  .cards { grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); }
  ul.cards li.contribution { grid-column: 1 / -1; }
}
@media print {
  header.site, footer.site, .filters, .pager, .skip, .breadcrumbs, .languages { display: none; }
  body { font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .wrap { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  .matrix table { font-size: 8.5pt; }
  .matrix th, .matrix td { border: 1px solid #999; padding: 2pt 4pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
`;
