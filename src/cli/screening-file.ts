/* global NodeJS, Buffer */
// --screen FILE: the Consolidated Screening List file read from disk (node only).
import * as fs from "fs";
import * as path from "path";
import { ScreeningListError, readScreeningList } from "../screening";
import type { ScreeningList } from "../screening";
import { localIsoDate } from "../settings/settings";

/** The list, or the one-line reason it was refused. */
export async function readScreeningFile(
  file: string,
  statedDate: string | null
): Promise<ScreeningList | string> {
  let bytes: Buffer;
  let modified: Date;
  try {
    bytes = fs.readFileSync(file);
    modified = fs.statSync(file).mtime;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `--screen ${path.basename(file)}: cannot read the file (${e.code ?? e.message}).`;
  }
  try {
    return await readScreeningList(new Uint8Array(bytes), {
      fileName: path.basename(file),
      statedDate,
      fileModified: localIsoDate(modified),
    });
  } catch (error) {
    if (error instanceof ScreeningListError)
      return `--screen ${path.basename(file)}: refused as a screening list: ${error.message}.`;
    throw error;
  }
}
