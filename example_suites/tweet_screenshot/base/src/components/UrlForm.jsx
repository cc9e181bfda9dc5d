import { useId, useState } from 'react';

/** A form with one field for a post link and a submit button. */
export default function UrlForm({ onSubmit, submitLabel, busy = false, initialValue = '', children }) {
  const [value, setValue] = useState(initialValue);
  const id = useId();
  return (
    <form
      className="url-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(value.trim());
      }}
    >
      <label htmlFor={id}>Post link</label>
      <div className="url-row">
        <input
          id={id}
          type="url"
          inputMode="url"
          placeholder="https://x.com/user/status/1234567890"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Working…' : submitLabel}
        </button>
      </div>
      {children}
    </form>
  );
}
