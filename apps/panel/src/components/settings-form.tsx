import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  FILTER_PRESET_NAMES,
  SEGMENT_CATEGORY_NAMES,
  type FilterPresetName,
  type SegmentCategoryName,
  type GuildChannelDto,
  type GuildRoleDto,
  type GuildSettingsDto,
  type GuildSettingsPatch,
} from '@accord/contracts';
import { ApiError, api } from '../lib/api';
import type { Language } from '@accord/i18n/panel';
import { languageChoices, shared, t } from '../lib/i18n';
import { Picker, type PickerOption } from './picker';
import { ErrorNotice } from './ui';

type SettingName = keyof GuildSettingsPatch;

/** What the inputs hold: text as typed, so a half-typed number can be told apart from a wrong one. */
interface FormState {
  djRoleId: string;
  announceChannelId: string;
  defaultVolume: string;
  idleTimeoutS: string;
  twentyFourSeven: boolean;
  autoplay: boolean;
  /** Percent in the form, a share (0-1) in the API. */
  discoveryShare: string;
  /** Minutes in the form, milliseconds in the API. */
  trackCooldownMs: string;
  artistSpacing: string;
  allowedFilters: FilterPresetName[];
  skipSegments: SegmentCategoryName[];
  /** '' follows the server's Discord language. */
  language: Language | '';
}

type FieldErrors = Partial<Record<SettingName, string[]>>;

const MINUTE_MS = 60_000;

function toForm(settings: GuildSettingsDto): FormState {
  return {
    djRoleId: settings.djRoleId ?? '',
    announceChannelId: settings.announceChannelId ?? '',
    defaultVolume: String(settings.defaultVolume),
    idleTimeoutS: String(settings.idleTimeoutS),
    twentyFourSeven: settings.twentyFourSeven,
    autoplay: settings.autoplay,
    discoveryShare: String(Math.round(settings.discoveryShare * 1000) / 10),
    trackCooldownMs: String(Math.round((settings.trackCooldownMs / MINUTE_MS) * 10) / 10),
    artistSpacing: String(settings.artistSpacing),
    allowedFilters: [...settings.allowedFilters],
    skipSegments: [...settings.skipSegments],
    language: settings.language ?? '',
  };
}

function integerIn(text: string, min: number, max: number, label: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    return t('settings.errors.wholeNumber', { label, min, max });
  }
  return value;
}

function numberIn(text: string, min: number, max: number, label: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    return t('settings.errors.number', { label, min, max });
  }
  return value;
}

/** The guild's roles and channels, once loaded: what the pickers offer and what counts as deleted. */
export interface KnownReferences {
  roles?: readonly { id: string }[];
  channels?: readonly { id: string }[];
}

/**
 * An id or null for none. It is sent when it changed, and also when the list no longer has it (deleted
 * in Discord): the server refuses it then, with a message for the field.
 */
function reference(
  value: string,
  saved: string | null,
  known: readonly { id: string }[] | undefined,
): { send: boolean; value: string | null } {
  const id = value.trim() || null;
  return { send: id !== saved || isDeleted(id, known), value: id };
}

function isDeleted(id: string | null, known: readonly { id: string }[] | undefined): boolean {
  return id !== null && known !== undefined && !known.some((entry) => entry.id === id);
}

/**
 * The server's messages per field, with the refusal of a role or channel the lists show as deleted
 * said in the panel's language (the server words it in English).
 */
function fieldMessages(fields: FieldErrors, form: FormState, known: KnownReferences): FieldErrors {
  const messages = { ...fields };
  if (messages.djRoleId && isDeleted(form.djRoleId || null, known.roles)) {
    messages.djRoleId = [t('settings.deletedRole')];
  }
  if (messages.announceChannelId && isDeleted(form.announceChannelId || null, known.channels)) {
    messages.announceChannelId = [t('settings.deletedChannel')];
  }
  return messages;
}

/** Checks the form and returns the changed settings only (the API takes any subset). */
export function validateSettings(
  form: FormState,
  saved: GuildSettingsDto,
  known: KnownReferences = {},
): { errors: FieldErrors; patch: GuildSettingsPatch } {
  const errors: FieldErrors = {};
  const patch: GuildSettingsPatch = {};
  const fail = (name: SettingName, message: string): void => {
    errors[name] = [message];
  };

  const djRole = reference(form.djRoleId, saved.djRoleId, known.roles);
  if (djRole.send) patch.djRoleId = djRole.value;
  const channel = reference(form.announceChannelId, saved.announceChannelId, known.channels);
  if (channel.send) patch.announceChannelId = channel.value;

  const numeric: Array<[SettingName, number | string, number]> = [
    ['defaultVolume', integerIn(form.defaultVolume, 0, 150, t('settings.defaultVolume')), saved.defaultVolume],
    ['idleTimeoutS', integerIn(form.idleTimeoutS, 10, 86_400, t('settings.idleTimeout')), saved.idleTimeoutS],
    ['artistSpacing', integerIn(form.artistSpacing, 0, 50, t('settings.artistSpacing')), saved.artistSpacing],
  ];
  const share = numberIn(form.discoveryShare, 0, 100, t('settings.discoveryShare'));
  numeric.push(['discoveryShare', typeof share === 'number' ? share / 100 : share, saved.discoveryShare]);
  const cooldown = numberIn(form.trackCooldownMs, 0, 7 * 24 * 60, t('settings.trackCooldown'));
  numeric.push([
    'trackCooldownMs',
    typeof cooldown === 'number' ? Math.round(cooldown * MINUTE_MS) : cooldown,
    saved.trackCooldownMs,
  ]);
  for (const [name, value, previous] of numeric) {
    if (typeof value === 'string') fail(name, value);
    // Rounding in the form (percent, minutes) must not count as a change.
    else if (Math.abs(value - previous) > 1e-9 && toFormValue(name, value) !== toFormValue(name, previous)) {
      Object.assign(patch, { [name]: value });
    }
  }

  if (form.twentyFourSeven !== saved.twentyFourSeven) patch.twentyFourSeven = form.twentyFourSeven;
  if (form.autoplay !== saved.autoplay) patch.autoplay = form.autoplay;
  const filters = FILTER_PRESET_NAMES.filter((name) => form.allowedFilters.includes(name));
  if (filters.join() !== FILTER_PRESET_NAMES.filter((name) => saved.allowedFilters.includes(name)).join()) {
    patch.allowedFilters = filters;
  }
  const skips = SEGMENT_CATEGORY_NAMES.filter((name) => form.skipSegments.includes(name));
  if (skips.join() !== SEGMENT_CATEGORY_NAMES.filter((name) => saved.skipSegments.includes(name)).join()) {
    patch.skipSegments = skips;
  }
  if ((form.language || null) !== saved.language) patch.language = form.language || null;
  return { errors, patch };
}

function toFormValue(name: SettingName, value: number): string {
  if (name === 'discoveryShare') return String(Math.round(value * 1000) / 10);
  if (name === 'trackCooldownMs') return String(Math.round((value / MINUTE_MS) * 10) / 10);
  return String(value);
}

/**
 * The guild's settings. The form checks what it can (ranges, id shapes) before sending; what
 * only the server knows (that a role exists in the server) comes back as a 400 with a message
 * for the field, shown under that field.
 */
export function SettingsForm(props: { guildId: string; canEdit: boolean }): JSX.Element {
  const [saved, setSaved] = useState<GuildSettingsDto | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [roles, setRoles] = useState<GuildRoleDto[] | undefined>(undefined);
  const [channels, setChannels] = useState<GuildChannelDto[] | undefined>(undefined);

  useEffect(() => {
    api.get<GuildSettingsDto>(`/guilds/${props.guildId}/settings`).then(
      (settings) => {
        setSaved(settings);
        setForm(toForm(settings));
      },
      (error: unknown) => setLoadError(error),
    );
  }, [props.guildId]);

  // The pickers' lists need Manage Server; a DJ sees the settings without them.
  useEffect(() => {
    if (!props.canEdit) return;
    // A list that does not load leaves its picker disabled; the form says why.
    api.get<GuildRoleDto[]>(`/guilds/${props.guildId}/roles`).then(setRoles, (error: unknown) => setFailure(error));
    api
      .get<GuildChannelDto[]>(`/guilds/${props.guildId}/channels`)
      .then(setChannels, (error: unknown) => setFailure(error));
  }, [props.guildId, props.canEdit]);

  if (!form || !saved) return loadError ? <ErrorNotice error={loadError} /> : <p class="muted">{t('loading')}</p>;

  const update = <K extends keyof FormState>(name: K, value: FormState[K]): void => {
    setForm({ ...form, [name]: value });
    setStatus(null);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    setStatus(null);
    const checked = validateSettings(form, saved, { roles, channels });
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      setFailure(new Error(t('settings.needsFixing')));
      return;
    }
    if (Object.keys(checked.patch).length === 0) {
      setStatus(t('settings.unchanged'));
      return;
    }
    setBusy(true);
    try {
      const next = await api.patch<GuildSettingsDto>(`/guilds/${props.guildId}/settings`, checked.patch);
      setSaved(next);
      setForm(toForm(next));
      setStatus(t('settings.saved'));
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 400 ? error.fields : {};
      setErrors(fieldMessages(fields, form, { roles, channels }));
      setFailure(Object.keys(fields).length > 0 ? new Error(t('settings.needsFixing')) : error);
    } finally {
      setBusy(false);
    }
  };

  const disabled = busy || !props.canEdit;
  return (
    <form class="settings" onSubmit={(event) => void submit(event)} noValidate data-testid="settings-form">
      {!props.canEdit && <p class="notice">{t('settings.djOnly')}</p>}
      <PickerField
        name="djRoleId"
        label={t('settings.djRole')}
        hint={t('settings.djRoleHint')}
        options={roles?.map(roleOption)}
        value={form.djRoleId}
        errors={errors}
        disabled={disabled}
        onChange={(id) => update('djRoleId', id)}
      />
      <PickerField
        name="announceChannelId"
        label={t('settings.announceChannel')}
        hint={t('settings.announceChannelHint')}
        options={channels?.map(channelOption)}
        value={form.announceChannelId}
        errors={errors}
        disabled={disabled}
        onChange={(id) => update('announceChannelId', id)}
      />
      <Field name="language" label={t('settings.language')} errors={errors} hint={t('settings.languageHint')}>
        <select
          value={form.language}
          disabled={disabled}
          onChange={(event) => update('language', event.currentTarget.value as Language | '')}
        >
          <option value="">{t('settings.languageDiscord')}</option>
          {languageChoices().map(({ language, name }) => (
            <option key={language} value={language} lang={language}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <div class="field-grid">
        <NumberField
          name="defaultVolume"
          label={t('settings.defaultVolume')}
          hint={t('settings.defaultVolumeHint')}
          inputMode="numeric"
          form={form}
          errors={errors}
          disabled={disabled}
          update={update}
        />
        <NumberField
          name="idleTimeoutS"
          label={t('settings.idleTimeout')}
          hint={t('settings.idleTimeoutHint')}
          inputMode="numeric"
          form={form}
          errors={errors}
          disabled={disabled}
          update={update}
        />
        <NumberField
          name="discoveryShare"
          label={t('settings.discoveryShare')}
          hint={t('settings.discoveryShareHint')}
          inputMode="decimal"
          form={form}
          errors={errors}
          disabled={disabled}
          update={update}
        />
        <NumberField
          name="trackCooldownMs"
          label={t('settings.trackCooldown')}
          hint={t('settings.trackCooldownHint')}
          inputMode="decimal"
          form={form}
          errors={errors}
          disabled={disabled}
          update={update}
        />
        <NumberField
          name="artistSpacing"
          label={t('settings.artistSpacing')}
          hint={t('settings.artistSpacingHint')}
          inputMode="numeric"
          form={form}
          errors={errors}
          disabled={disabled}
          update={update}
        />
      </div>
      <div class="checks">
        <label class="check">
          <input
            type="checkbox"
            checked={form.autoplay}
            disabled={disabled}
            onChange={(event) => update('autoplay', event.currentTarget.checked)}
          />
          {t('settings.autoplay')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={form.twentyFourSeven}
            disabled={disabled}
            onChange={(event) => update('twentyFourSeven', event.currentTarget.checked)}
          />
          {t('settings.twentyFourSeven')}
        </label>
      </div>
      <fieldset disabled={disabled}>
        <legend>{t('settings.allowedFilters')}</legend>
        <div class="checks">
          {FILTER_PRESET_NAMES.map((name) => (
            <label class="check" key={name}>
              <input
                type="checkbox"
                checked={form.allowedFilters.includes(name)}
                onChange={(event) =>
                  update(
                    'allowedFilters',
                    event.currentTarget.checked
                      ? [...form.allowedFilters, name]
                      : form.allowedFilters.filter((filter) => filter !== name),
                  )
                }
              />
              {name}
            </label>
          ))}
        </div>
        <FieldMessages name="allowedFilters" errors={errors} />
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>{shared('segments:settings.legend')}</legend>
        <div class="checks">
          {SEGMENT_CATEGORY_NAMES.map((name) => (
            <label class="check" key={name}>
              <input
                type="checkbox"
                checked={form.skipSegments.includes(name)}
                onChange={(event) =>
                  update(
                    'skipSegments',
                    event.currentTarget.checked
                      ? [...form.skipSegments, name]
                      : form.skipSegments.filter((category) => category !== name),
                  )
                }
              />
              {shared(`segments:settings.label.${name}`)}
            </label>
          ))}
        </div>
        <FieldMessages name="skipSegments" errors={errors} />
      </fieldset>
      <ErrorNotice error={failure} />
      {status && (
        <p class="notice notice-ok" role="status">
          {status}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" disabled={disabled}>
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={disabled}
          onClick={() => {
            setForm(toForm(saved));
            setErrors({});
            setFailure(null);
            setStatus(null);
          }}
        >
          {t('settings.undo')}
        </button>
      </div>
    </form>
  );
}

function roleOption(role: GuildRoleDto): PickerOption {
  return { id: role.id, name: role.name, color: role.color, prefix: '@' };
}

function channelOption(channel: GuildChannelDto): PickerOption {
  return { id: channel.id, name: channel.name, group: channel.category, prefix: '#' };
}

/** A role or channel chosen by name from the guild's list; the stored value stays the id. */
function PickerField(props: {
  name: 'djRoleId' | 'announceChannelId';
  label: string;
  hint: string;
  options: PickerOption[] | undefined;
  value: string;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (id: string) => void;
}): JSX.Element {
  const invalid = (props.errors[props.name]?.length ?? 0) > 0;
  const id = `setting-${props.name}`;
  return (
    <div class={`field ${invalid ? 'invalid' : ''}`} data-field={props.name}>
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <Picker
        id={id}
        name={props.name}
        options={props.options}
        value={props.value}
        onChange={props.onChange}
        disabled={props.disabled}
        invalid={invalid}
        describedBy={`${id}-note`}
      />
      <span id={`${id}-note`}>
        {!invalid && <span class="hint">{props.hint}</span>}
        <FieldMessages name={props.name} errors={props.errors} />
      </span>
    </div>
  );
}

/** A label around its input, with a hint and the messages for this field (the form's or the server's). */
type NumberSetting = 'defaultVolume' | 'idleTimeoutS' | 'discoveryShare' | 'trackCooldownMs' | 'artistSpacing';

/** A number setting: typed as text so a half-typed value can be told apart from a wrong one. */
function NumberField(props: {
  name: NumberSetting;
  label: string;
  hint: string;
  inputMode: 'numeric' | 'decimal';
  form: FormState;
  errors: FieldErrors;
  disabled: boolean;
  update: <K extends keyof FormState>(name: K, value: FormState[K]) => void;
}): JSX.Element {
  return (
    <Field name={props.name} label={props.label} errors={props.errors} hint={props.hint}>
      <input
        type="number"
        inputMode={props.inputMode}
        value={props.form[props.name]}
        disabled={props.disabled}
        onInput={(event) => props.update(props.name, event.currentTarget.value)}
      />
    </Field>
  );
}

function Field(props: {
  name: SettingName;
  label: string;
  hint?: string;
  errors: FieldErrors;
  children: ComponentChildren;
}): JSX.Element {
  const invalid = (props.errors[props.name]?.length ?? 0) > 0;
  return (
    <label class={`field ${invalid ? 'invalid' : ''}`} data-field={props.name}>
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.hint && !invalid && <span class="hint">{props.hint}</span>}
      <FieldMessages name={props.name} errors={props.errors} />
    </label>
  );
}

function FieldMessages(props: { name: SettingName; errors: FieldErrors }): JSX.Element | null {
  const messages = props.errors[props.name];
  if (!messages?.length) return null;
  return (
    <span class="field-error" data-testid={`error-${props.name}`}>
      {messages.join(' ')}
    </span>
  );
}
