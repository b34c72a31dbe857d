/**
 * Events as an EventStoreDB server sends them (the client's generated gRPC messages), converted by
 * the client's own code exactly as a read would: for testing the adapter's mappings without a
 * server, on what the client really hands back.
 */
import { createRequire } from 'node:module';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';

// The client's generated gRPC messages and its own conversion of what the server sends.
const require = createRequire(import.meta.url);
const streamsPb = require('@eventstore/db-client/generated/streams_pb.js');
const sharedPb = require('@eventstore/db-client/generated/shared_pb.js');
const { convertGrpcEvent } = require('@eventstore/db-client/dist/utils/convertGrpcEvent.js') as {
  convertGrpcEvent: (e: unknown) => AllStreamResolvedEvent;
};

export interface Wire {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: Buffer;
  metadata: Buffer;
  commit: bigint;
  prepare: bigint;
}

/** An event as the server sends it, converted by the client exactly as a read would. */
export function fromServer(w: Wire): NonNullable<AllStreamResolvedEvent['event']> {
  const r = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(w.id);
  r.setId(id);
  const stream = new sharedPb.StreamIdentifier();
  stream.setStreamName(Buffer.from(w.streamId));
  r.setStreamIdentifier(stream);
  r.setStreamRevision(String(w.revision));
  r.setCommitPosition(String(w.commit));
  r.setPreparePosition(String(w.prepare));
  r.getMetadataMap().set('type', w.type);
  r.getMetadataMap().set('content-type', 'application/json');
  r.getMetadataMap().set('created', '638000000000000000');
  r.setData(w.data);
  r.setCustomMetadata(w.metadata);
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(r);
  return convertGrpcEvent(read).event!;
}

