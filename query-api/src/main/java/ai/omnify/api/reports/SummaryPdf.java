package ai.omnify.api.reports;

import ai.omnify.api.http.Decimals;
import ai.omnify.api.reports.ReportData.ChannelTotal;
import ai.omnify.api.reports.ReportData.Day;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The summary report as a PDF (OpenPDF): KPIs, a daily chart of ad spend against store revenue drawn as vectors, the
 * top channels by spend, and the brain's latest actions and risks when there are any.
 */
public final class SummaryPdf {
    private static final Color SPEND = new Color(0xD9, 0x4F, 0x2B);
    private static final Color REVENUE = new Color(0x1F, 0x6F, 0xB2);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
    private static final Font H2 = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7, Color.GRAY);

    private SummaryPdf() {}

    public static void write(ReportData d, OutputStream out) {
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle("Omnify summary " + d.from() + " to " + d.to());
            doc.addCreator("Omnify");
            doc.open();
            doc.add(new Paragraph("Omnify summary: " + d.organization(), TITLE));
            doc.add(new Paragraph(d.from() + " to " + d.to() + ", amounts in " + d.currency(), BODY));
            doc.add(Chunk.NEWLINE);
            doc.add(kpis(d));
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph("Daily ad spend and store revenue", H2));
            doc.add(chart(writer, d.days()));
            doc.add(legend());
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph("Top channels by spend", H2));
            doc.add(channels(d.topChannels(), d.currency()));
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph("The brain", H2));
            if (d.brainLines().isEmpty()) {
                doc.add(new Paragraph("No brain state yet for this organization.", BODY));
            } else {
                for (String line : d.brainLines()) {
                    doc.add(new Paragraph(line, BODY));
                }
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("could not write the PDF: " + e.getMessage(), e);
        } finally {
            doc.close();
        }
    }

    private static PdfPTable kpis(ReportData d) {
        ReportData.Totals t = d.totals();
        PdfPTable table = new PdfPTable(4);
        table.setWidthPercentage(100);
        kpi(table, "Ad spend", money(t.spend(), d.currency()));
        kpi(table, "Store revenue", money(t.storeRevenue(), d.currency()));
        kpi(table, "Blended MER", ratio(t.mer()));
        kpi(table, "Platform ROAS", ratio(t.roas()));
        kpi(table, "Conversion value", money(t.conversionValue(), d.currency()));
        kpi(table, "Attributed revenue", money(t.attributedRevenue(), d.currency()));
        kpi(table, "Orders", Long.toString(t.orders()));
        kpi(table, "CPA", t.cpa() == null ? "-" : money(t.cpa(), d.currency()));
        return table;
    }

    private static void kpi(PdfPTable table, String label, String value) {
        PdfPCell cell = new PdfPCell();
        cell.setPadding(6);
        cell.setBorderColor(Color.LIGHT_GRAY);
        cell.addElement(new Paragraph(label, SMALL));
        cell.addElement(new Paragraph(value, H2));
        table.addCell(cell);
    }

    private static com.lowagie.text.Image chart(PdfWriter writer, List<Day> days) throws DocumentException {
        float w = 520;
        float h = 180;
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate t = cb.createTemplate(w, h);
        float left = 40;
        float bottom = 20;
        float pw = w - left - 10;
        float ph = h - bottom - 10;
        double max = 0;
        for (Day day : days) {
            max = Math.max(max, Math.max(value(day.spend()), value(day.storeRevenue())));
        }
        t.setColorStroke(Color.LIGHT_GRAY);
        t.setLineWidth(0.5f);
        for (int i = 0; i <= 4; i++) {
            float y = bottom + ph * i / 4;
            t.moveTo(left, y);
            t.lineTo(left + pw, y);
            t.stroke();
            t.beginText();
            t.setFontAndSize(SMALL.getCalculatedBaseFont(false), 6);
            t.setColorFill(Color.GRAY);
            t.showTextAligned(Element.ALIGN_RIGHT, Decimals.plain(BigDecimal.valueOf(max * i / 4), 0), left - 3,
                    y - 2, 0);
            t.endText();
        }
        if (days.size() > 0 && max > 0) {
            line(t, days, true, max, left, bottom, pw, ph);
            line(t, days, false, max, left, bottom, pw, ph);
            t.beginText();
            t.setFontAndSize(SMALL.getCalculatedBaseFont(false), 6);
            t.setColorFill(Color.GRAY);
            t.showTextAligned(Element.ALIGN_LEFT, days.get(0).date().toString(), left, 5, 0);
            t.showTextAligned(Element.ALIGN_RIGHT, days.get(days.size() - 1).date().toString(), left + pw, 5, 0);
            t.endText();
        } else {
            t.beginText();
            t.setFontAndSize(SMALL.getCalculatedBaseFont(false), 8);
            t.showTextAligned(Element.ALIGN_CENTER, "no data in this range", left + pw / 2, bottom + ph / 2, 0);
            t.endText();
        }
        return com.lowagie.text.Image.getInstance(t);
    }

    private static void line(PdfTemplate t, List<Day> days, boolean spend, double max, float left, float bottom,
            float pw, float ph) {
        t.setColorStroke(spend ? SPEND : REVENUE);
        t.setLineWidth(1.2f);
        int n = days.size();
        for (int i = 0; i < n; i++) {
            Day d = days.get(i);
            float x = left + (n == 1 ? pw / 2 : pw * i / (n - 1));
            float y = bottom + (float) (ph * value(spend ? d.spend() : d.storeRevenue()) / max);
            if (i == 0) {
                t.moveTo(x, y);
            } else {
                t.lineTo(x, y);
            }
        }
        t.stroke();
    }

    private static Paragraph legend() {
        Paragraph p = new Paragraph();
        p.add(new Chunk("  ad spend  ", FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8, SPEND)));
        p.add(new Chunk("  store revenue", FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8, REVENUE)));
        return p;
    }

    private static PdfPTable channels(List<ChannelTotal> channels, String currency) {
        PdfPTable table = new PdfPTable(new float[] {5, 2, 2, 2, 1.2f});
        table.setWidthPercentage(100);
        for (String h : new String[] {"Channel", "Platform", "Spend", "Conversion value", "ROAS"}) {
            PdfPCell c = new PdfPCell(new Phrase(h, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8)));
            c.setBackgroundColor(new Color(0xEE, 0xEE, 0xEE));
            table.addCell(c);
        }
        if (channels.isEmpty()) {
            PdfPCell c = new PdfPCell(new Phrase("no channel spent in this range", BODY));
            c.setColspan(5);
            table.addCell(c);
        }
        for (ChannelTotal ch : channels) {
            table.addCell(new Phrase(ch.name(), BODY));
            table.addCell(new Phrase(ch.platform(), BODY));
            table.addCell(new Phrase(money(ch.spend(), currency), BODY));
            table.addCell(new Phrase(money(ch.conversionValue(), currency), BODY));
            table.addCell(new Phrase(ratio(ch.roas()), BODY));
        }
        return table;
    }

    private static double value(BigDecimal v) {
        return v == null ? 0 : v.doubleValue();
    }

    static String money(BigDecimal v, String currency) {
        return v == null ? "-" : Decimals.plain(v, 2) + " " + currency;
    }

    static String ratio(BigDecimal v) {
        return v == null ? "-" : Decimals.plain(v, 2);
    }
}
