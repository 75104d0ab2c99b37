// @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node's
// ESM loader refuses; this hook supplies the attribute for .json files.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
