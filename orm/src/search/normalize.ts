// Text normalisation shared by the stored search keys and the queries that read them: both sides
// must agree character for character, or a key is never found.

const han = /\p{Script=Han}/u;
const hanRuns = /\p{Script=Han}+/gu;

/**
 * Folds full-width forms (NFKC), lowercases and keeps only letters and digits, so `华为 (深圳)`,
 * `华为（深圳）` and `华为深圳` are the same text. The result never holds a space (the word separator
 * of the keys), a LIKE wildcard, a quote or a tsquery operator, so it goes into patterns as it is.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function hasHan(text: string): boolean {
  return han.test(text);
}

/**
 * Every Chinese character and every pair of adjacent Chinese characters. Trigram indexes cannot serve
 * one- and two-character Chinese queries such as 张三 (no trigram); these grams can.
 */
export function hanGrams(normalized: string): string[] {
  const grams: string[] = [];
  for (const [run] of normalized.matchAll(hanRuns)) {
    const chars = [...run];
    chars.forEach((c, i) => {
      grams.push(c);
      if (i > 0) grams.push(chars[i - 1]! + c);
    });
  }
  return grams;
}

/**
 * The digits of a phone number, without a +86 / 0086 prefix before a mobile number; undefined when
 * fewer than four digits are left (nothing to search by).
 */
export function phoneDigits(phone: string): string | undefined {
  const digits = phone.normalize('NFKC').replace(/\D+/g, '');
  const national = digits.replace(/^(?:0086|86)(1\d{10})$/, '$1');
  return national.length >= 4 ? national : undefined;
}

/** The part of a phone number people remember and type: its last four digits. */
export function phoneTail(digits: string): string {
  return digits.slice(-4);
}
