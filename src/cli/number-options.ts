import { InvalidArgumentError } from 'commander';

/** A commander option parser for a whole number from 0 to `max`. */
export function wholeNumberUpTo(max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) throw new InvalidArgumentError(`expected a whole number from 0 to ${max}`);
    return parsed;
  };
}

/** A commander option parser for a whole number from 1 to `max`. */
export function positiveIntegerUpTo(max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return parsed;
  };
}
