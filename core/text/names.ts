/** Letters after a person's name that say who the person is and are no part of the name: a King's Counsel's, a member of parliament's, an honour's. */
export const POST_NOMINALS: readonly string[] = ['KC', 'QC', 'MP', 'MSP', 'MEP', 'OBE', 'MBE', 'CBE', 'KBE', 'DBE', 'FRS'];
