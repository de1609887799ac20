/** A link works for this many days unless its maker picks another (1..QUESTIONNAIRE_MAX_DAYS). */
export const QUESTIONNAIRE_DEFAULT_DAYS = 14;
export const QUESTIONNAIRE_MAX_DAYS = 60;
