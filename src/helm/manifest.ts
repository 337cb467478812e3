// Rendered manifests go to diffs and previews: Secret objects are left out, as helm's --hide-secret does.

const secretKind = /^kind:\s*["']?Secret["']?\s*$/m;

/** The manifest (YAML documents separated by ---) without its Secret documents. */
export function withoutSecretDocuments(manifest: string): string {
  const documents = manifest.split(/^---[ \t]*$/m);
  return documents.filter((document) => !secretKind.test(document)).join('---');
}
