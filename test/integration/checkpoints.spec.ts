import type { DataSource } from 'typeorm';
import { CheckpointMoved, Checkpoints } from '../../src/projection-runner/checkpoints.js';
import { checkpointsDatabase } from '../support/projection-harness.js';

let t: Awaited<ReturnType<typeof checkpointsDatabase>>;
let dataSource: DataSource;
let checkpoints: Checkpoints;

beforeAll(async () => {
  t = await checkpointsDatabase({ poolSize: 2 });
  ({ dataSource, checkpoints } = t);
});

afterAll(() => t.close());

const at = (position: string | null, horizon: string | null = position) => ({ position, horizon });

test("the follower's one statement for every share's checkpoint moves none of them when one was moved by someone else", async () => {
  await checkpoints.ensure('view-a', 'projection', 1);
  await checkpoints.ensure('view-b', 'projection', 1);
  // Another process (a rebuild's swap, say) moved view-b since this follower read it.
  await dataSource.query(`UPDATE projection_state SET position = '5-5', horizon = '5-5' WHERE name = 'view-b'`);

  const stale = dataSource.transaction((m) =>
    checkpoints.advanceAll(m, [
      { name: 'view-a', from: at(null), to: at('7-7'), applied: 3 },
      { name: 'view-b', from: at(null), to: at('7-7'), applied: 2 },
    ]),
  );
  await expect(stale).rejects.toBeInstanceOf(CheckpointMoved);
  await expect(stale).rejects.toThrow('view-b: the checkpoint moved under this batch');
  const rows = new Map((await checkpoints.rows()).map((r) => [r.name, r]));
  expect([rows.get('view-a')!.position, rows.get('view-a')!.events_applied]).toEqual([null, '0']);
  expect([rows.get('view-b')!.position, rows.get('view-b')!.events_applied]).toEqual(['5-5', '0']);

  await dataSource.transaction((m) =>
    checkpoints.advanceAll(m, [
      { name: 'view-a', from: at(null), to: at('7-7', '8-8'), applied: 3 },
      { name: 'view-b', from: at('5-5'), to: at('7-7', '8-8'), applied: 2 },
    ]),
  );
  const moved = new Map((await checkpoints.rows()).map((r) => [r.name, r]));
  expect([moved.get('view-a')!.position, moved.get('view-a')!.horizon, moved.get('view-a')!.events_applied]).toEqual(['7-7', '8-8', '3']);
  expect([moved.get('view-b')!.position, moved.get('view-b')!.horizon, moved.get('view-b')!.events_applied]).toEqual(['7-7', '8-8', '2']);
});
