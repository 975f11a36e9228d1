package smbkit.kb;

import java.util.List;

/**
 * One finding of the diagnosis in the KB's terms: the symptom, a cause, or a resolution; how urgent; the
 * rows of evidence behind it; and the smbkit command that would act on it (the diagnosis changes nothing).
 */
public record Finding(Severity severity, Area area, String title, List<String> evidence, String command) {

    public enum Severity {
        ACTION, WARNING, INFO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Area {
        SYMPTOM, CAUSE, RESOLUTION, NOTE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
