/** A multipart body as a browser or the PHP plugin sends it: form fields (repeated for lists) and named files. */
export function multipartForm(
  fields: Record<string, string | string[]>,
  files: Record<string, { data: Buffer; filename: string }> = {},
): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  for (const [name, file] of Object.entries(files))
    body.append(name, new Blob([new Uint8Array(file.data)]), file.filename);
  return body;
}
