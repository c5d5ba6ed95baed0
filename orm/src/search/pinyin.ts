import { pinyin } from 'pinyin-pro';

/** One character of a name as read (华 → hua, h), or a run of letters and digits as it is (IBM). */
export interface ReadUnit {
  text: string;
  full: string;
  initial: string;
}

/** How a name is read: its full pinyin without tones (`huawei`), its initials (`hw`), unit by unit. */
export interface Reading {
  full: string;
  initials: string;
  units: ReadUnit[];
}

const runs = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const hanStart = /^\p{Script=Han}/u;

/**
 * The readings of a normalised name. Polyphonic characters follow pinyin-pro's default, which picks
 * the reading from the surrounding words (银行 → yinhang, 重庆 → chongqing). A person's name is also
 * read in surname mode (曾 → zeng, 单 → shan, 解 → xie), because a surname reads differently from the
 * same character elsewhere; both readings are kept, so whoever types the everyday reading (ceng) still
 * finds the person. Surname mode is not used for company names: it misreads words such as 银行.
 * Letters and digits in a name (IBM中国, 58同城) are kept as they are.
 */
export function readingsOf(normalized: string, person: boolean): Reading[] {
  const readings = [read(normalized, false)];
  if (person && hanStart.test(normalized)) {
    const surname = read(normalized, true);
    if (surname.full !== readings[0]!.full) readings.push(surname);
  }
  return readings;
}

function read(normalized: string, surname: boolean): Reading {
  const units: ReadUnit[] = [];
  for (const [run] of normalized.matchAll(runs)) {
    if (!hanStart.test(run)) {
      units.push({ text: run, full: run, initial: run });
      continue;
    }
    const syllables = pinyin(run, {
      toneType: 'none',
      type: 'array',
      v: true,
      // Only the name's first characters can be a surname.
      ...(surname && units.length === 0 ? { surname: 'head' as const } : {}),
    });
    [...run].forEach((text, i) => {
      const full = syllables[i] ?? text;
      units.push({ text, full, initial: full.slice(0, 1) });
    });
  }
  return {
    full: units.map((u) => u.full).join(''),
    initials: units.map((u) => u.initial).join(''),
    units,
  };
}
