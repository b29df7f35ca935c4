package ai.omnify.api.alerts.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Plain-text email over SMTP ({@code SMTP_HOST}:{@code SMTP_PORT}), with connect and I/O timeouts. */
public final class MailSender {
    private final Session session;
    private final String from;

    public MailSender(String host, int port, String from, int timeoutMillis) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", Integer.toString(timeoutMillis));
        p.put("mail.smtp.timeout", Integer.toString(timeoutMillis));
        p.put("mail.smtp.writetimeout", Integer.toString(timeoutMillis));
        this.session = Session.getInstance(p);
        this.from = from;
    }

    public void send(String to, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        Transport.send(m);
    }
}
