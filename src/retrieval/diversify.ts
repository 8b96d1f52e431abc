/** Keeps the ranking order but at most `maxPerSource` items of any one source. */
export function capPerSource<T>(items: T[], sourceOf: (item: T) => string, maxPerSource: number): T[] {
  const taken = new Map<string, number>();
  return items.filter((item) => {
    const source = sourceOf(item);
    const count = taken.get(source) ?? 0;
    if (count >= maxPerSource) return false;
    taken.set(source, count + 1);
    return true;
  });
}
