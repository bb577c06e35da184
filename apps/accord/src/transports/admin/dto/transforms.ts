import { Transform } from 'class-transformer';

/**
 * A whole number from a query string; values above `cap` are served as `cap` (page sizes), while
 * anything that is not a whole number stays as it came so that validation names the field.
 */
export function QueryInt(cap?: number): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return value;
    const parsed = Number(value);
    return cap !== undefined && parsed > cap ? cap : parsed;
  });
}
