// fix-utf8 ships plain JavaScript: its one export, typed.
declare module "fix-utf8" {
  /** Replaces UTF-8-read-as-Windows-1252 sequences ("Ã©") with the characters meant ("é"), then NFC. */
  export default function fixUtf8(text: string): string;
}
