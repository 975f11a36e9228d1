package smbkit.render;

import smbkit.access.AnonymousProbe;
import smbkit.change.AnonymousRestriction;
import smbkit.model.RegistryValue;

/** restrict-anonymous' output: each setting with what it means for NULL sessions, and the probe's steps. */
public final class AnonymousView {

    private AnonymousView() {}

    public static TableData settings(AnonymousRestriction.Reading r) {
        TableData t = new TableData("NULL-session settings")
                .column("key", "Key (HKLM)", String.class)
                .column("name", "Value", String.class)
                .column("type", "Type", String.class)
                .column("data", "Data", String.class)
                .column("meaning", "Meaning for NULL sessions", String.class);
        for (AnonymousRestriction.Row row : r.rows()) {
            t.row(row.setting().key(), row.setting().name(), row.value().map(RegistryValue::typeName).orElse("absent"),
                    row.value().map(RegistryValue::display).orElse(null), SettingText.meaning(row.meaning()));
        }
        return t;
    }

    public static TableData probe(AnonymousProbe.Result result) {
        TableData t = new TableData("What a new NULL session can do")
                .column("step", "Step", String.class)
                .column(Column.of("ok", "Result", Boolean.class, v -> ((Boolean) v) ? "allowed" : "REFUSED"))
                .column("detail", "Detail", String.class);
        result.steps().forEach(s -> t.row(s.name(), s.ok(), s.ok() == null ? "not tried" : s.detail()));
        return t;
    }
}
