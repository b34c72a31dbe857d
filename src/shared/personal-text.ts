// Personal fields are stored either in clear or as a crypto-shredding envelope
// (per-subject key), so an erased subject's data becomes unreadable.
export type EncryptedValue = { $enc: string; subject: string; iv: string; ct: string; tag: string };
export type PersonalText = string | EncryptedValue;
