import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ProblemException, type FieldError } from './problem.js';

/**
 * One reason per field: a missing field "is required" and a null one "must not be null", instead
 * of every constraint that an absent value also fails. Values never appear in the answer.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const reasons = Object.values(constraints);
    let own: FieldError[];
    if (reasons.length > 0 && error.value === undefined && !('whitelistValidation' in constraints)) {
      own = [{ field, reason: 'is required' }];
    } else if (reasons.length > 0 && error.value === null) {
      own = [{ field, reason: 'must not be null' }];
    } else {
      own = reasons.map((reason) => ({ field, reason }));
    }
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * An optional field: it may be left out, but not sent as null (class-validator's IsOptional lets
 * null through to the command, where "absent" and "null" would then mean different things).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Unknown fields rejected, types converted, and every failing field named in the 400. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value is read by flattenValidationErrors (missing or null?) and never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new ProblemException(
        400,
        'VALIDATION.FAILED',
        'Invalid request',
        fieldErrors.map((e) => `${e.field}: ${e.reason}`).join('; '),
        { errors: fieldErrors },
      );
    },
  });
}
