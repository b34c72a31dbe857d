import { Global, Module } from '@nestjs/common';
import { AggregateStore } from './aggregate-store.js';
import { ContextLoader } from './context-loader.js';

@Global()
@Module({
  providers: [AggregateStore, ContextLoader],
  exports: [AggregateStore, ContextLoader],
})
export class CommandHandlingModule {}
