import { Param, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';

/**
 * A path id that is not a uuid names nothing: it is answered 404 with the resource's code here, at
 * the edge, once, so the queries behind the route take ids that are uuids.
 */
export class UuidPipe implements PipeTransform<string, string> {
  constructor(
    /** The code it answers, e.g. CYCLE.NOT_FOUND. */
    private readonly code: string,
    /** What the detail calls it, e.g. "cycle". */
    private readonly noun: string,
  ) {}

  transform(value: string): string {
    if (typeof value === 'string' && isUuid(value)) return value;
    throw new DomainError(this.code, `no ${this.noun} ${String(value)}`, 'not_found');
  }
}

/** `@UuidParam('id', 'CYCLE.NOT_FOUND', 'cycle')`: the path parameter, checked to be a uuid. */
export const UuidParam = (name: string, code: string, noun: string): ParameterDecorator => Param(name, new UuidPipe(code, noun));
