/**
 * What every pg pool of the service keeps: the connections it has opened.
 *
 * pg's default closes a connection after 10 s idle, so a burst after a quiet spell opened them
 * again all at once: new server processes, authentication, statements prepared again. On the
 * 2-core benchmark machine that stalled every read for about half a second (a read at a fixed
 * 200/s after 12 s idle: p99 446 ms with the default, 31 ms keeping them). A pool still holds at
 * most its `max`; idle connections do not keep a process from exiting.
 */
export const KEEP_OPENED_CONNECTIONS = { idleTimeoutMillis: 0, allowExitOnIdle: true } as const;
