package io.github.mishdjl.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;

/**
 * The reports' own small Markdown and HTML: tables (numeric columns right-aligned), the Markdown subset the report's
 * sections are written in turned into HTML, escaping. Public through {@link Report#htmlTable} and {@link Report#esc}.
 */
@NullMarked
final class Markup {

    private Markup() {}

    static String markdownTable(List<List<String>> rows) {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            md.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                md.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
            }
        }
        return md.toString();
    }

    /**
     * An HTML table whose first row is the header. A column whose body cells are mostly numbers (accuracies,
     * differences, intervals, p-values) is right-aligned, every other column left-aligned; the alignment is set on
     * each cell, so it holds in a notebook's own style sheet (JupyterLab right-aligns every cell) as in a report page.
     */
    static String htmlTable(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            int numbers = 0;
            int filled = 0;
            for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                if (c < row.size() && !row.get(c).isBlank()) {
                    filled++;
                    numbers += NUMBER.matcher(row.get(c)).lookingAt() && !WORD.matcher(row.get(c)).find() ? 1 : 0;
                }
            }
            numeric[c] = filled > 0 && 2 * numbers > filled;
        }
        StringBuilder h = new StringBuilder("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            h.append("<tr>");
            List<String> row = rows.get(i);
            for (int c = 0; c < row.size(); c++) {
                String tag = i == 0 ? "th" : "td";
                h.append('<').append(tag).append(" style=\"text-align:").append(numeric[c] ? "right" : "left")
                        .append("\">").append(esc(row.get(c))).append("</").append(tag).append('>');
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    /**
     * A number cell starts with a number ("78.16 ± 0.78 (n=3)", "+0.63 [-0.64, 1.90]", "−1.48", "4.1×", "53 of 441")
     * and has no word in it ("2 paired seeds" and "+4.05 (plot, by eye)" are text).
     */
    private static final Pattern NUMBER = Pattern.compile("[+\\-−]?\\.?\\d");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    /** The significance section's Markdown tables and lines, as HTML. */
    static String markdownToHtml(List<String> lines) {
        StringBuilder h = new StringBuilder();
        List<List<String>> table = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("|")) {
                if (!line.startsWith("|---")) {
                    List<String> cells = new ArrayList<>();
                    for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                        cells.add(c.trim());
                    }
                    table.add(cells);
                }
                continue;
            }
            if (!table.isEmpty()) {
                h.append(htmlTable(table));
                table.clear();
            }
            if (!line.isBlank()) {
                h.append("<p>").append(esc(line.replaceFirst("^- ", "")).replace("**", "")).append("</p>\n");
            }
        }
        if (!table.isEmpty()) {
            h.append(htmlTable(table));
        }
        return h.toString();
    }

    /** A Markdown list as HTML; items indented by two spaces ("  - ") are nested under the item before them. */
    static String list(String markdownList) {
        StringBuilder h = new StringBuilder("<ul>\n");
        boolean inSub = false; // a nested list is open
        boolean itemOpen = false; // a top-level item is open
        for (String line : markdownList.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("  - ")) {
                if (!itemOpen) { // a nested line with no item before it: an empty one holds the list
                    h.append("<li>");
                    itemOpen = true;
                }
                if (!inSub) {
                    h.append("<ul>\n");
                    inSub = true;
                }
                h.append("<li>").append(esc(line.substring(4))).append("</li>\n");
                continue;
            }
            if (inSub) {
                h.append("</ul>\n");
                inSub = false;
            }
            if (itemOpen) {
                h.append("</li>\n");
            }
            h.append("<li>").append(esc(line.replaceFirst("^- ", "")));
            itemOpen = true;
        }
        if (inSub) {
            h.append("</ul>\n");
        }
        if (itemOpen) {
            h.append("</li>\n");
        }
        return h.append("</ul>\n").toString();
    }

    /** Escapes text for HTML. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
