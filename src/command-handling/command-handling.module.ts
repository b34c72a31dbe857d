import { Global, Module } from '@nestjs/common';
import { AggregateStore } from './aggregate-store.js';
import { ContextLoader } from './context-loader.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

@Global()
@Module({
  providers: [AggregateStore, ContextLoader, IdempotencyInterceptor],
  exports: [AggregateStore, ContextLoader, IdempotencyInterceptor],
})
export class CommandHandlingModule {}
