import {
  defaultReturnType,
  field,
  formatHint,
  JOINT_WORKING_MODELS,
  returnTypesSentBy,
  SECTORS,
  type FieldDef,
} from '@waymark/domain';

/** The sheet of an XLSX agency import that is read. */
export const AGENCIES_SHEET = 'Agencies';

/** More agencies than any partnership has; a larger file is a mistake, not a partnership. */
export const MAX_IMPORT_ROWS = 1000;

export const NAME_LENGTH = { min: 2, max: 200 };

/** A column of the import: the three code columns are data dictionary fields, so cells are read as return cells are. */
export interface ImportColumn {
  key: string;
  label: string;
  help: string;
  required: boolean;
  hint: string;
  /** Set for the code columns: the field whose codes a cell must hold. */
  field?: FieldDef;
}

const coded = (f: FieldDef): ImportColumn => ({
  key: f.key,
  label: f.label,
  help: f.help,
  required: f.required,
  hint: formatHint(f),
  field: f,
});

const AGENCY_RETURN_TYPES = returnTypesSentBy('agency').map((t) => ({
  code: t.id,
  label: t.title,
  description: t.description,
}));

export const NAME_COLUMN: ImportColumn = {
  key: 'name',
  label: 'Agency name',
  help: 'The name people know the service by. Write about the service: never anything that could identify a person.',
  required: true,
  hint: `Text, ${NAME_LENGTH.min} to ${NAME_LENGTH.max} characters; unique within its district`,
};

export const DISTRICT_COLUMN: ImportColumn = {
  key: 'district_code',
  label: 'District',
  help: 'The local authority district the agency mainly serves, by its GSS code (the Districts sheet lists them).',
  required: true,
  hint: 'A district GSS code, like E06000001',
};

export const SECTOR_COLUMN = coded(
  field.code('sector_code', 'Sector', 'What kind of service the agency is.', 'Agency', SECTORS, true),
);
export const MODEL_COLUMN = coded(
  field.code(
    'joint_working_model_code',
    'Joint-working model',
    'How the agency shares care between substance-use and domestic abuse services. Leave it blank when it does not apply.',
    'Agency',
    JOINT_WORKING_MODELS,
  ),
);
export const EXPECTED_COLUMN = coded(
  field.codes(
    'expected_return_types',
    'Expected return types',
    `The returns the agency is due to send each quarter from now on. Leave it blank for the ${defaultReturnType('agency').title.toLowerCase()} only.`,
    'Agency',
    AGENCY_RETURN_TYPES,
  ),
);

/** Every column, in the order of the templates. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  NAME_COLUMN,
  SECTOR_COLUMN,
  DISTRICT_COLUMN,
  MODEL_COLUMN,
  EXPECTED_COLUMN,
];
