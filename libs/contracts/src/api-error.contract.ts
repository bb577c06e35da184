/**
 * Every error the REST API answers with. `code` is the machine-readable reason (stable across
 * versions); `fields` is present on 400s caused by input validation, one list of messages a field.
 */
export interface ApiErrorDto {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  fields?: Record<string, string[]>;
}
