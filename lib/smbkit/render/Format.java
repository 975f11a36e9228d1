package smbkit.render;

/** The output formats every script offers. */
public enum Format {
    table, csv, json
}
