import { BadRequestException, type ValidationError } from '@nestjs/common';
import type { ApiErrorDto } from '@accord/contracts';

/**
 * The global ValidationPipe's error: Nest's usual `message` list plus `fields`, one list of
 * messages per input field (nested fields as `a.b`), so a form can show each next to its input.
 */
export function validationException(errors: ValidationError[]): BadRequestException {
  const fields: Record<string, string[]> = {};
  const collect = (error: ValidationError, prefix: string): void => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) fields[path] = [...(fields[path] ?? []), ...messages];
    for (const child of error.children ?? []) collect(child, path);
  };
  for (const error of errors) collect(error, '');
  const body: ApiErrorDto = {
    statusCode: 400,
    error: 'Bad Request',
    message: Object.values(fields).flat(),
    code: 'INVALID_INPUT',
    fields,
  };
  return new BadRequestException(body);
}
