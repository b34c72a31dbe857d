/** The pg pool shared by the event store adapter, the vault and the idempotency keys. */
export const DATABASE_POOL = Symbol('DATABASE_POOL');
