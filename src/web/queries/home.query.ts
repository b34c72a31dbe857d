import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CycleRow } from '../../../projections/cycles/cycles.entity.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { RecordReader, type Stamped } from '../record-reader.js';

export interface HomeData {
  cycles: Array<{ cycleId: string; country: string; title: string; periodStart: string; periodEnd: string; stage: string }>;
}

export class HomePageQuery extends Query<Stamped<HomeData>> {
  constructor(readonly asOf?: string) {
    super();
  }
}

@QueryHandler(HomePageQuery)
export class HomePageHandler implements IQueryHandler<HomePageQuery, Stamped<HomeData>> {
  constructor(private readonly reader: RecordReader) {}

  execute({ asOf }: HomePageQuery): Promise<Stamped<HomeData>> {
    return this.reader.read({ projections: [cyclesProjection], asOf }, async (m) => {
      // Newest first; a country runs one cycle every two years, so a few hundred is decades.
      const rows = await m.find(CycleRow, { order: { periodStart: 'DESC', cycleId: 'ASC' }, take: 500 });
      return { cycles: rows.map((r) => ({ cycleId: r.cycleId, country: r.country, title: r.title, periodStart: r.periodStart, periodEnd: r.periodEnd, stage: r.stage })) };
    }, () => new Error('unreachable: the list of cycles always exists'));
  }
}
