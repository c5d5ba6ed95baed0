/**
 * A mobile number reduced to what identifies it, so that "+86 138-0010-0001", "8613800100001" and
 * "13800100001" compare equal. Undefined when there is nothing to compare.
 */
export function normaliseMobile(mobile: string | null | undefined): string | undefined {
  const digits = (mobile ?? '').replace(/\D/g, '');
  // Mainland numbers are 11 digits starting with 1; the country code 86 in front is optional.
  const mainland = /^(?:0086|86)?(1\d{10})$/.exec(digits);
  return (mainland ? mainland[1] : digits) || undefined;
}
