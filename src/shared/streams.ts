/** Stream names: `<category>-<aggregate id>`. */
export const streams = {
  cycle: (id: string) => `cycle-${id}`,
  stakeholder: (id: string) => `stakeholder-${id}`,
  consultation: (id: string) => `consultation-${id}`,
  contribution: (id: string) => `contribution-${id}`,
  report: (id: string) => `report-${id}`,
  commitment: (id: string) => `commitment-${id}`,
} as const;
