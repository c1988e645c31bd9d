// Word tokens with offsets, shared by the actor and place stages (which both read capitalised runs).

export interface Token {
  text: string;
  start: number;
  end: number;
  /** begins with a capital letter or digit-free acronym */
  cap: boolean;
  /** the text between the previous token and this one */
  gap: string;
  /** followed by a possessive ’s, which is not part of the token */
  possessive: boolean;
}

// Letters with inner apostrophes, hyphens and dots ("al-Hayya", "U.S.", "D.C.", "Sana’a").
const WORD_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}]|[’'](?![sS](?![\p{L}\p{N}]))(?=[\p{L}\p{N}])|[\-.](?=[\p{L}\p{N}]))*\.?/gu;
const POSSESSIVE_RE = /^[’'][sS](?![\p{L}\p{N}])/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text))) {
    let word = m[0];
    // A trailing period belongs to the word only for dotted abbreviations ("U.S.", "Gen.", "D.C.").
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(word) && !/^(?:Gen|Lt|Col|Maj|Brig|Adm|Capt|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|Jr|Sr|No|Aug|Sept|Sep|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul)\.$/.test(word)) word = word.slice(0, -1);
    const start = m.index;
    const end = start + word.length;
    const possessive = POSSESSIVE_RE.test(text.slice(end, end + 3));
    out.push({ text: word, start, end, cap: /^\p{Lu}/u.test(word), gap: text.slice(last, start), possessive });
    last = end;
    WORD_RE.lastIndex = possessive ? end + 2 : end;
  }
  return out;
}

/** A gap that may sit inside a name: spaces or nothing (no comma, period or line break). */
export function joinable(gap: string): boolean {
  return /^[ \t\u00a0]*$/.test(gap);
}
