/** A job's `strategy.matrix` as the runner expands it: the product of its lists, less `exclude`, plus `include`. */
export function expandMatrix(matrix: unknown): Array<Record<string, unknown> | undefined> {
  if (matrix === undefined || matrix === null) return [undefined];
  if (typeof matrix !== 'object' || Array.isArray(matrix))
    throw new Error(`strategy.matrix must be a mapping, got ${JSON.stringify(matrix)}`);
  const { include = [], exclude = [], ...axes } = matrix as Record<string, unknown>;
  let legs: Array<Record<string, unknown>> = [{}];
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values)) throw new Error(`strategy.matrix.${key} must be a list`);
    legs = legs.flatMap((leg) => values.map((value) => ({ ...leg, [key]: value })));
  }
  if (Object.keys(axes).length === 0) legs = [];
  const matches = (leg: Record<string, unknown>, partial: Record<string, unknown>) =>
    Object.entries(partial).every(([key, value]) => JSON.stringify(leg[key]) === JSON.stringify(value));
  legs = legs.filter((leg) => !(exclude as Array<Record<string, unknown>>).some((rule) => matches(leg, rule)));
  for (const extra of include as Array<Record<string, unknown>>) {
    // An include extends every leg whose original values it does not overwrite; otherwise it is a leg of its own.
    const extended = legs.filter((leg) =>
      Object.keys(axes).every((key) => !(key in extra) || JSON.stringify(extra[key]) === JSON.stringify(leg[key])),
    );
    if (extended.length > 0 && Object.keys(axes).length > 0) extended.forEach((leg) => Object.assign(leg, extra));
    else legs.push({ ...extra });
  }
  if (legs.length === 0) throw new Error('strategy.matrix produced no jobs');
  return legs;
}
