// An administrator's document type is known to the approval engine as `application:<type id>`: its
// flows, runs and cards carry that code like `contract` or `refund`.

const prefix = 'application:';

export const applicationDocType = (typeId: number): string => `${prefix}${typeId}`;

/** The type id a document-type code names, or null when it is no application type's. */
export function applicationTypeIdOf(docType: string): number | null {
  if (!docType.startsWith(prefix)) return null;
  const id = Number(docType.slice(prefix.length));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
