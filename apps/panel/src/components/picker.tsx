import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import './picker.css';

/** One choice of a picker: shown by name, stored by id. */
export interface PickerOption {
  id: string;
  name: string;
  /** The heading it is listed under (a channel's category); null: at the top. */
  group?: string | null;
  /** A colour dot before the name (a role's colour); null: none. */
  color?: string | null;
  /** What the name is shown with: `#` for channels, `@` for roles. */
  prefix?: string;
}

interface Row {
  /** '' is "none". */
  id: string;
  label: string;
  option: PickerOption | null;
}

/**
 * A searchable combobox (the ARIA 1.2 pattern): typing filters the list, the arrows move through
 * it, Enter chooses, Escape closes and puts the choice back. The value is an id; one the list
 * does not have (a role deleted in Discord) shows as "deleted" rather than disappearing.
 */
export function Picker(props: {
  id: string;
  /** The field's name, for test ids and the listbox's id. */
  name: string;
  /** undefined while the list loads. */
  options: PickerOption[] | undefined;
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = `${props.id}-list`;

  const chosen = props.options?.find((option) => option.id === props.value);
  const deleted = props.value !== '' && props.options !== undefined && !chosen;
  const shown = props.value === '' ? t('picker.none') : chosen ? display(chosen) : props.value;

  const rows = useMemo((): Row[] => {
    const needle = query.trim().toLocaleLowerCase();
    const matches = (props.options ?? []).filter((option) => option.name.toLocaleLowerCase().includes(needle));
    const none: Row[] = needle ? [] : [{ id: '', label: t('picker.none'), option: null }];
    return [...none, ...matches.map((option) => ({ id: option.id, label: display(option), option }))];
  }, [query, props.options]);

  const openList = (): void => {
    if (open) return;
    setOpen(true);
    setQuery('');
    setActive(
      Math.max(
        0,
        rows.findIndex((row) => row.id === props.value),
      ),
    );
  };
  const close = (): void => {
    setOpen(false);
    setQuery('');
  };
  const choose = (row: Row | undefined): void => {
    if (!row) return;
    props.onChange(row.id);
    close();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else setActive((index) => Math.min(rows.length - 1, index + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList();
        else setActive((index) => Math.max(0, index - 1));
        break;
      case 'Home':
      case 'End':
        if (!open) return;
        event.preventDefault();
        setActive(event.key === 'Home' ? 0 : rows.length - 1);
        break;
      case 'Enter':
        if (!open) return;
        // Choosing must not submit the form.
        event.preventDefault();
        choose(rows[active]);
        break;
      case 'Escape':
        if (!open) return;
        event.preventDefault();
        close();
        break;
      case 'Tab':
        close();
        break;
      default:
        break;
    }
  };

  const activeId = open && rows[active] ? optionId(props.id, rows[active].id) : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);
  const groups = groupRows(rows);
  return (
    <div class={`picker ${open ? 'open' : ''}`} data-testid={`picker-${props.name}`}>
      <div class="picker-control">
        {chosen?.color && <span class="dot" style={{ background: chosen.color }} aria-hidden="true" />}
        <input
          ref={input}
          id={props.id}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-invalid={props.invalid || deleted || undefined}
          aria-describedby={props.describedBy}
          autocomplete="off"
          spellcheck={false}
          placeholder={open ? t('picker.search') : undefined}
          value={open ? query : shown}
          disabled={props.disabled || props.options === undefined}
          // Focus alone does not open the list (tabbing through the form stays quiet); the text is
          // selected, so typing replaces it and searches.
          onFocus={(event) => event.currentTarget.select()}
          onClick={openList}
          onBlur={close}
          onInput={(event) => {
            if (!open) setOpen(true);
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {deleted && !open && (
          <span class="badge badge-bad" data-testid={`deleted-${props.name}`}>
            {t('picker.deleted')}
          </span>
        )}
      </div>
      {open && (
        <div class="picker-list" role="listbox" id={listId} aria-label={t('picker.choices')}>
          {rows.length === 0 && <p class="muted picker-empty">{t('picker.noMatch')}</p>}
          {groups.map(({ group, items }) => {
            const options = items.map(({ row, index }) => (
              <div
                key={row.id || 'none'}
                id={optionId(props.id, row.id)}
                role="option"
                aria-selected={row.id === props.value}
                class={`picker-option ${index === active ? 'active' : ''}`}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(row);
                }}
                onMouseMove={() => setActive(index)}
              >
                {row.option?.color ? (
                  <span class="dot" style={{ background: row.option.color }} aria-hidden="true" />
                ) : (
                  <span class="dot dot-none" aria-hidden="true" />
                )}
                {row.label}
              </div>
            ));
            return group === null ? (
              options
            ) : (
              <div role="group" aria-label={group} key={group} class="picker-group">
                <div class="picker-group-name" aria-hidden="true">
                  {group}
                </div>
                {options}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function display(option: PickerOption): string {
  return `${option.prefix ?? ''}${option.name}`;
}

function optionId(pickerId: string, id: string): string {
  return `${pickerId}-option-${id || 'none'}`;
}

/** Rows in their groups, in order of first appearance; ungrouped rows stay where they are. */
function groupRows(rows: Row[]): Array<{ group: string | null; items: Array<{ row: Row; index: number }> }> {
  const groups: Array<{ group: string | null; items: Array<{ row: Row; index: number }> }> = [];
  rows.forEach((row, index) => {
    const group = row.option?.group ?? null;
    const last = groups.at(-1);
    if (last && last.group === group) last.items.push({ row, index });
    else groups.push({ group, items: [{ row, index }] });
  });
  return groups;
}
