<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>AccessPolicy</name>
    <message>
        <source>%1 is not an address or a CIDR range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BanList</name>
    <message>
        <source>Banned addresses</source>
        <translation>Gesperrte Adressen</translation>
    </message>
    <message>
        <source>&amp;Unban</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Lifts the ban on the selected addresses</source>
        <translation>Hebt die Sperre der ausgewählten Adressen auf</translation>
    </message>
    <message>
        <source>Banned:</source>
        <translation>Gesperrt:</translation>
    </message>
    <message>
        <source>%1 (until %2)</source>
        <translation>%1 (bis %2)</translation>
    </message>
</context>
<context>
    <name>CertificatePrompt</name>
    <message>
        <source>Why the certificate was refused</source>
        <translation>Warum das Zertifikat abgewiesen wurde</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat ver&amp;trauen</translation>
    </message>
    <message>
        <source>SHA-&amp;256:</source>
        <translation>SHA-&amp;256:</translation>
    </message>
    <message>
        <source>Refused certificate&apos;s SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck des abgewiesenen Zertifikats</translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted: %2. Trust it only if its fingerprint is the one the server&apos;s operator gave you.</source>
        <translation>Das Zertifikat von %1 wurde nicht angenommen: %2. Vertrauen Sie ihm nur, wenn sein Fingerabdruck der ist, den Ihnen der Betreiber des Servers genannt hat.</translation>
    </message>
</context>
<context>
    <name>ClientConnection</name>
    <message>
        <source>replaced by a new connection</source>
        <translation>durch eine neue Verbindung ersetzt</translation>
    </message>
    <message>
        <source>Could not connect: no host given</source>
        <translation>Keine Verbindung: kein Host angegeben</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>the server did not ask for it within %1 s</source>
        <translation>der Server hat nicht innerhalb von %1 s danach gefragt</translation>
    </message>
    <message>
        <source>Connection to %1 closed by the server: %2</source>
        <translation>Verbindung zu %1 vom Server geschlossen: %2</translation>
    </message>
    <message>
        <source>Connection to %1 lost: %2</source>
        <translation>Verbindung zu %1 verloren: %2</translation>
    </message>
    <message>
        <source>Connection to %1 closed by the server</source>
        <translation>Verbindung zu %1 vom Server geschlossen</translation>
    </message>
    <message>
        <source>Connection to %1 closed: %2</source>
        <translation>Verbindung zu %1 geschlossen: %2</translation>
    </message>
    <message>
        <source>Connection to %1 closed: the server is not reading (more than %2 bytes waiting to be sent)</source>
        <translation>Verbindung zu %1 geschlossen: der Server liest nicht (mehr als %2 Bytes warten darauf, gesendet zu werden)</translation>
    </message>
    <message>
        <source>the server&apos;s hello did not ask for it</source>
        <translation>das Hello des Servers hat nicht danach gefragt</translation>
    </message>
    <message>
        <source>the server did not ask for it first</source>
        <translation>der Server hat nicht zuerst danach gefragt</translation>
    </message>
    <message>
        <source>Connection to %1 closed: the server did not say hello within %2 s</source>
        <translation>Verbindung zu %1 geschlossen: der Server hat nicht innerhalb von %2 s Hello gesagt</translation>
    </message>
    <message>
        <source>Connection to %1 closed: no reply from the server for %2 s</source>
        <translation>Verbindung zu %1 geschlossen: seit %2 s keine Antwort vom Server</translation>
    </message>
    <message>
        <source>Not connected: the message was not sent</source>
        <translation>Nicht verbunden: die Nachricht wurde nicht gesendet</translation>
    </message>
    <message>
        <source>disconnected by the user</source>
        <translation>vom Benutzer getrennt</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 (%2 bytes not sent)</source>
        <translation>%1 (%2 Bytes nicht gesendet)</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>detecting</source>
        <translation>wird erkannt</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>unverschlüsselt</translation>
    </message>
    <message numerus="yes">
        <source>%n chat message(s); </source>
        <translation>
            <numerusform>%n Chatnachricht; </numerusform>
            <numerusform>%n Chatnachrichten; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protocol frame(s) (hello, pings, pongs)</source>
        <translation>
            <numerusform>%n Protokollrahmen (Hello, Pings, Pongs)</numerusform>
            <numerusform>%n Protokollrahmen (Hello, Pings, Pongs)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protocol frame(s) (hello, notices, pings, pongs)</source>
        <translation>
            <numerusform>%n Protokollrahmen (Hello, Hinweise, Pings, Pongs)</numerusform>
            <numerusform>%n Protokollrahmen (Hello, Hinweise, Pings, Pongs)</numerusform>
        </translation>
    </message>
    <message>
        <source>TLS and its version, or plain TCP</source>
        <translation>TLS und seine Version, oder reines TCP</translation>
    </message>
    <message>
        <source>When the client connected (local time)</source>
        <translation>Wann der Client sich verbunden hat (Ortszeit)</translation>
    </message>
    <message>
        <source>Chat messages from the client (texts); protocol frames are counted apart, in the cell&apos;s tooltip</source>
        <translation>Chatnachrichten vom Client (Texte); Protokollrahmen werden getrennt gezählt, im Tooltip der Zelle</translation>
    </message>
    <message>
        <source>Chat messages to the client (texts and direct messages); protocol frames are counted apart, in the cell&apos;s tooltip</source>
        <translation>Chatnachrichten an den Client (Texte und Direktnachrichten); Protokollrahmen werden getrennt gezählt, im Tooltip der Zelle</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>Rahmung</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Msgs in</source>
        <translation>Nachr. ein</translation>
    </message>
    <message>
        <source>Msgs out</source>
        <translation>Nachr. aus</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes ein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes aus</translation>
    </message>
    <message>
        <source>here</source>
        <translation>hier</translation>
    </message>
    <message>
        <source>The federated server the client is connected to</source>
        <translation>Der föderierte Server, mit dem der Client verbunden ist</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
</context>
<context>
    <name>ClientWindow</name>
    <message>
        <source>Connecting to %1 (%2)…</source>
        <translation>Verbinde mit %1 (%2)…</translation>
    </message>
    <message>
        <source>Connected to %1 with %2 (server certificate SHA-256 %3)</source>
        <translation>Verbunden mit %1 über %2 (Serverzertifikat SHA-256 %3)</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Sent the password: the server asked for it</source>
        <translation>Passwort gesendet: der Server hat danach gefragt</translation>
    </message>
    <message>
        <source>Password not sent: %1</source>
        <translation>Passwort nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Disconnected from %1: %2</source>
        <translation>Getrennt von %1: %2</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation>Neuer Verbindungsversuch in %1 s (Versuch %2)</translation>
    </message>
    <message>
        <source>me</source>
        <translation>ich</translation>
    </message>
    <message>
        <source>Socket Client</source>
        <translation>Socket Client</translation>
    </message>
    <message>
        <source>&amp;Connect To Server</source>
        <translation>Mit Server &amp;verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect From Server</source>
        <translation>Vom Server &amp;trennen</translation>
    </message>
    <message>
        <source>&amp;Reconnect automatically</source>
        <translation>Automatisch neu verb&amp;inden</translation>
    </message>
    <message>
        <source>Message From Server</source>
        <translation>Nachrichten vom Server</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Since the connection began: texts and notices received, texts sent, and every byte each way (hellos, pings and pongs too)</source>
        <translation>Seit Beginn der Verbindung: empfangene Texte und Hinweise, gesendete Texte und jedes Byte in beide Richtungen (auch Hellos, Pings und Pongs)</translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation>Sch&amp;ließen</translation>
    </message>
    <message>
        <source>Connection Status:</source>
        <translation>Verbindungsstatus:</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Trusting the certificate of %1 from now on (SHA-256 %2)</source>
        <translation>Dem Zertifikat von %1 wird von nun an vertraut (SHA-256 %2)</translation>
    </message>
    <message>
        <source>In: %1, %2 · Out: %3, %4</source>
        <translation>Ein: %1, %2 · Aus: %3, %4</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, server certificate SHA-256 %2</source>
        <translation>%1, Serverzertifikat SHA-256 %2</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Nicht verschlüsselt</translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>%1 — Socket Client</source>
        <translation>%1 — Socket Client</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Not Connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not Connected — %1</source>
        <translation>Nicht verbunden — %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connected to %1 with %2</source>
        <translation>Verbunden mit %1 über %2</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s… — %2</source>
        <translation>Neuer Verbindungsversuch in %1 s… — %2</translation>
    </message>
    <message numerus="yes">
        <source>Closed with %n byte(s) not sent to %1: the connection did not drain within %2 ms</source>
        <translation>
            <numerusform>Geschlossen, %n Byte nicht an %1 gesendet: die Verbindung wurde nicht innerhalb von %2 ms geleert</numerusform>
            <numerusform>Geschlossen, %n Bytes nicht an %1 gesendet: die Verbindung wurde nicht innerhalb von %2 ms geleert</numerusform>
        </translation>
    </message>
    <message>
        <source>me, not delivered</source>
        <translation>ich, nicht zugestellt</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Connection set&amp;up</source>
        <translation>Verbin&amp;dung einrichten</translation>
    </message>
    <message>
        <source>Show or hide the server, name, framing, password and TLS settings</source>
        <translation>Server, Name, Rahmung, Passwort und TLS-Einstellungen zeigen oder verbergen</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
</context>
<context>
    <name>ConnectAttempt</name>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>the server does not speak TLS (%1): untick TLS</source>
        <translation>der Server spricht kein TLS (%1): TLS abwählen</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS: %1</translation>
    </message>
    <message>
        <source>TLS: the handshake did not complete: %1</source>
        <translation>TLS: der Handshake wurde nicht abgeschlossen: %1</translation>
    </message>
    <message>
        <source>: the server may not speak TLS (untick TLS)</source>
        <translation>: der Server spricht vielleicht kein TLS (TLS abwählen)</translation>
    </message>
    <message>
        <source>Could not connect to %1: the TLS handshake did not finish within %2 s%3</source>
        <translation>Keine Verbindung zu %1: der TLS-Handshake endete nicht innerhalb von %2 s%3</translation>
    </message>
    <message>
        <source>Could not connect to %1: Connection timed out after %2 s</source>
        <translation>Keine Verbindung zu %1: Zeitüberschreitung nach %2 s</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>IPv4, IPv6 or host name</source>
        <translation>IPv4, IPv6 oder Hostname</translation>
    </message>
    <message>
        <source>Server &amp;IP Address:</source>
        <translation>Server-&amp;IP-Adresse:</translation>
    </message>
    <message>
        <source>Server &amp;Port:</source>
        <translation>Server-&amp;Port:</translation>
    </message>
    <message>
        <source>Port problem</source>
        <translation>Problem mit dem Port</translation>
    </message>
    <message>
        <source>Your &amp;Name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>Frames (socket-server)</source>
        <translation>Rahmen (socket-server)</translation>
    </message>
    <message>
        <source>Lines (any text service)</source>
        <translation>Zeilen (jeder Textdienst)</translation>
    </message>
    <message>
        <source>&amp;Framing:</source>
        <translation>&amp;Rahmung:</translation>
    </message>
    <message>
        <source>only for a server that asks for one</source>
        <translation>nur für einen Server, der eines verlangt</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>T&amp;LS</source>
        <translation>T&amp;LS</translation>
    </message>
    <message>
        <source>Encrypt the connection and verify the server&apos;s certificate</source>
        <translation>Die Verbindung verschlüsseln und das Zertifikat des Servers prüfen</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Sicherheit:</translation>
    </message>
</context>
<context>
    <name>EngineEvent</name>
    <message>
        <source>Listening on %1</source>
        <translation>Lausche auf %1</translation>
    </message>
    <message>
        <source>Listening on %1 with TLS (certificate SHA-256 %2)</source>
        <translation>Lausche auf %1 mit TLS (Zertifikat SHA-256 %2)</translation>
    </message>
    <message>
        <source>Listening on %1 with TLS (certificate SHA-256 %2); plain connections allowed too</source>
        <translation>Lausche auf %1 mit TLS (Zertifikat SHA-256 %2); unverschlüsselte Verbindungen sind ebenfalls erlaubt</translation>
    </message>
    <message>
        <source>Could not listen on %1: %2</source>
        <translation>Konnte nicht auf %1 lauschen: %2</translation>
    </message>
    <message>
        <source>Stopped listening</source>
        <translation>Lauschen beendet</translation>
    </message>
    <message>
        <source>Client messages: %1</source>
        <translation>Client-Nachrichten: %1</translation>
    </message>
    <message>
        <source>Cannot accept connections for now: %1. Retrying.</source>
        <translation>Kann vorerst keine Verbindungen annehmen: %1. Neuer Versuch folgt.</translation>
    </message>
    <message>
        <source>#%1 connected from %2 (%3)</source>
        <translation>#%1 verbunden von %2 (%3)</translation>
    </message>
    <message>
        <source>#%1 connected from %2 (%3) with the password</source>
        <translation>#%1 verbunden von %2 (%3) mit dem Passwort</translation>
    </message>
    <message>
        <source>#%1 is %2</source>
        <translation>#%1 ist %2</translation>
    </message>
    <message>
        <source>%1&apos;s message (%2 bytes) was not relayed to %3 clients: over the %4-byte maximum</source>
        <translation>Die Nachricht von %1 (%2 Bytes) wurde nicht an %3-Clients weitergeleitet: über dem Maximum von %4 Bytes</translation>
    </message>
    <message>
        <source>A message (%1 bytes) was not sent to %2 clients: over the %3-byte maximum</source>
        <translation>Eine Nachricht (%1 Bytes) wurde nicht an %2-Clients gesendet: über dem Maximum von %3 Bytes</translation>
    </message>
    <message>
        <source>#%1 from %2 left before it was admitted: %3</source>
        <translation>#%1 von %2 ging, bevor er zugelassen wurde: %3</translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation>%1 getrennt: %2</translation>
    </message>
    <message>
        <source>To all (%1): %2</source>
        <translation>An alle (%1): %2</translation>
    </message>
    <message>
        <source>Not sent: no client selected</source>
        <translation>Nicht gesendet: kein Client ausgewählt</translation>
    </message>
    <message>
        <source>To %1 (direct): %2</source>
        <translation>An %1 (direkt): %2</translation>
    </message>
    <message>
        <source>Ignored an access rule: %1</source>
        <translation>Zugriffsregel ignoriert: %1</translation>
    </message>
    <message>
        <source>#%1 from %2 (%3) refused: %4</source>
        <translation>#%1 von %2 (%3) abgewiesen: %4</translation>
    </message>
    <message>
        <source>%1 is %2 (%3 within %4 s)</source>
        <translation>%1 ist %2 (%3 innerhalb von %4 s)</translation>
    </message>
    <message>
        <source>Refused a connection from %1: %2</source>
        <translation>Verbindung von %1 abgewiesen: %2</translation>
    </message>
    <message>
        <source>Lifted the ban on %1</source>
        <translation>Sperre für %1 aufgehoben</translation>
    </message>
    <message numerus="yes">
        <source>Banned %1 for %n minute(s)</source>
        <translation>
            <numerusform>%1 für %n Minute gesperrt</numerusform>
            <numerusform>%1 für %n Minuten gesperrt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused %n more connection(s) in the last %1 s</source>
        <translation>
            <numerusform>%n weitere Verbindung in den letzten %1 s abgewiesen</numerusform>
            <numerusform>%n weitere Verbindungen in den letzten %1 s abgewiesen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EscapedText</name>
    <message>
        <source>a \ at the end, at character %1: write \\ for a backslash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at character %2: \x takes two hex digits, as in \x0D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown escape %1 at character %2: use \r, \n, \t, \\ or \xNN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FederationField</name>
    <message>
        <source>Federation</source>
        <translation>Föderation</translation>
    </message>
    <message>
        <source>None: this server alone</source>
        <translation>Keine: nur dieser Server</translation>
    </message>
    <message>
        <source>The Redis of a federation of servers, redis://HOST:PORT/NAME; used from the next start</source>
        <translation>Das Redis einer Föderation von Servern, redis://HOST:PORT/NAME; gilt ab dem nächsten Start</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not saved: a password would be stored in the settings file. Leave it out here and give it in %1.</source>
        <translation>Nicht gespeichert: ein Passwort würde in der Einstellungsdatei stehen. Lassen Sie es hier weg und geben Sie es in %1 an.</translation>
    </message>
    <message>
        <source>Saved: no federation, as now.</source>
        <translation>Gespeichert: keine Föderation, wie jetzt.</translation>
    </message>
    <message>
        <source>Saved: the federation in use now.</source>
        <translation>Gespeichert: die Föderation, die jetzt gilt.</translation>
    </message>
    <message>
        <source>Saved: the next start of socket-server joins no federation.</source>
        <translation>Gespeichert: der nächste Start von socket-server tritt keiner Föderation bei.</translation>
    </message>
    <message>
        <source>Saved: the next start of socket-server joins %1.</source>
        <translation>Gespeichert: der nächste Start von socket-server tritt %1 bei.</translation>
    </message>
</context>
<context>
    <name>FederationLabel</name>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>verbindet neu</translation>
    </message>
    <message numerus="yes">
        <source>Federation: %1, %n other instance(s)</source>
        <translation>
            <numerusform>Föderation: %1, %n andere Instanz</numerusform>
            <numerusform>Föderation: %1, %n andere Instanzen</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages through Redis: %1 out, %2 in; lag %3 ms; %4 missed, %5 bad entries</source>
        <translation>Nachrichten über Redis: %1 hinaus, %2 herein; Verzögerung %3 ms; %4 verpasst, %5 fehlerhafte Einträge</translation>
    </message>
</context>
<context>
    <name>HubTcpServer</name>
    <message>
        <source>all interfaces (IPv4 and IPv6), port %1</source>
        <translation type="unfinished">allen Schnittstellen (IPv4 und IPv6), Port %1</translation>
    </message>
    <message>
        <source>all IPv4 interfaces, port %1</source>
        <translation type="unfinished">allen IPv4-Schnittstellen, Port %1</translation>
    </message>
    <message>
        <source>all IPv6 interfaces, port %1</source>
        <translation type="unfinished">allen IPv6-Schnittstellen, Port %1</translation>
    </message>
</context>
<context>
    <name>LogEvent</name>
    <message>
        <source> [invalid UTF-8 replaced]</source>
        <translation type="unfinished"> [ungültiges UTF-8 ersetzt]</translation>
    </message>
    <message>
        <source> … [%1 bytes]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogPane</name>
    <message>
        <source>He&amp;x</source>
        <translation>He&amp;x</translation>
    </message>
    <message>
        <source>S&amp;how all</source>
        <translation>Alle &amp;zeigen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Save log...</source>
        <translation>Protokoll speichern...</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>Das Protokoll filtern</translation>
    </message>
    <message>
        <source>Shows only the lines that contain this text, in any case (Ctrl+F)</source>
        <translation>Zeigt nur die Zeilen, die diesen Text enthalten, ohne Rücksicht auf Groß- und Kleinschreibung (Strg+F)</translation>
    </message>
    <message>
        <source>Writes every line the log keeps to a file (Ctrl+S)</source>
        <translation>Schreibt jede Zeile, die das Protokoll enthält, in eine Datei (Strg+S)</translation>
    </message>
    <message>
        <source>Empties the log (Ctrl+Shift+L)</source>
        <translation>Leert das Protokoll (Strg+Umschalt+L)</translation>
    </message>
    <message>
        <source>Show messages as hex bytes</source>
        <translation>Nachrichten als Hex-Bytes zeigen</translation>
    </message>
    <message>
        <source>Shows each message&apos;s bytes in hex, with the printable ones beside them</source>
        <translation>Zeigt die Bytes jeder Nachricht hexadezimal, die druckbaren daneben</translation>
    </message>
    <message>
        <source>Ti&amp;mestamps:</source>
        <translation>Zeit&amp;stempel:</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Ausgeblendet</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>Zeitstempel</translation>
    </message>
    <message>
        <source>Client filter</source>
        <translation>Client-Filter</translation>
    </message>
    <message>
        <source>Show all clients</source>
        <translation>Alle Clients zeigen</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Zum Neuesten springen</translation>
    </message>
    <message>
        <source>Scrolls to the newest line and follows new lines again (Ctrl+End)</source>
        <translation>Rollt zur neuesten Zeile und folgt wieder neuen Zeilen (Strg+Ende)</translation>
    </message>
    <message>
        <source>Save Log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Text files (*.txt *.log);;All files (*)</source>
        <translation>Textdateien (*.txt *.log);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Showing %1 only</source>
        <translation>Nur %1</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Jump to latest (%n new)</source>
        <translation>
            <numerusform>&amp;Zum Neuesten (%n neu)</numerusform>
            <numerusform>&amp;Zum Neuesten (%n neu)</numerusform>
        </translation>
    </message>
    <message>
        <source>Log saved to %1</source>
        <translation>Protokoll gespeichert in %1</translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation>Das Protokoll konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message numerus="yes">
        <source>… %Ln line(s) not searched (flood)</source>
        <extracomment>A flood arrived while the log is filtered: older lines of it were not searched.</extracomment>
        <translation>
            <numerusform>… %Ln Zeile nicht durchsucht (Flut)</numerusform>
            <numerusform>… %Ln Zeilen nicht durchsucht (Flut)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> … [%n characters]</source>
        <translation>
            <numerusform> … [%n Zeichen]</numerusform>
            <numerusform> … [%n Zeichen]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %Ln line(s) not shown (flood)</source>
        <extracomment>Always 2 or more.</extracomment>
        <translation>
            <numerusform>… %Ln Zeile nicht angezeigt (Flut)</numerusform>
            <numerusform>… %Ln Zeilen nicht angezeigt (Flut)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageComposer</name>
    <message>
        <source>Message To Server</source>
        <translation>Nachricht an den Server</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>Zu sendende Nachricht</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter inserts a newline, Up recalls</source>
        <translation>Eingabe sendet, Umschalt+Eingabe fügt einen Zeilenumbruch ein, Hoch holt frühere zurück</translation>
    </message>
    <message>
        <source>&amp;Send Message</source>
        <translation>Nachricht &amp;senden</translation>
    </message>
    <message>
        <source>Hex/&amp;escapes</source>
        <translation>Hex/&amp;Escapes</translation>
    </message>
    <message>
        <source>Send escapes as bytes</source>
        <translation>Escapes als Bytes senden</translation>
    </message>
    <message>
        <source>\r, \n, \t, \\ and \xNN (two hex digits) in the message are sent as the bytes they name, for devices: \x02STATUS\x03</source>
        <translation>\r, \n, \t, \\ und \xNN (zwei Hex-Ziffern) in der Nachricht werden als die Bytes gesendet, die sie benennen, für Geräte: \x02STATUS\x03</translation>
    </message>
    <message>
        <source>LF</source>
        <translation>LF</translation>
    </message>
    <message>
        <source>CR LF</source>
        <translation>CR LF</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>Zeilenende</translation>
    </message>
    <message>
        <source>Lines framing: what ends each line sent (a line break in the message too; with None, a line break stays LF)</source>
        <translation>Zeilen-Rahmung: was jede gesendete Zeile beendet (auch ein Zeilenumbruch in der Nachricht; bei Keins bleibt ein Zeilenumbruch LF)</translation>
    </message>
    <message>
        <source>Line endin&amp;g:</source>
        <translation>Zeilen&amp;ende:</translation>
    </message>
    <message>
        <source>Message problem</source>
        <translation>Problem mit der Nachricht</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
</context>
<context>
    <name>MessageEdit</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 bytes (%2)</source>
        <translation>%1 Bytes (%2)</translation>
    </message>
    <message>
        <source>Not pasted: %1 is more than the maximum message size of %2</source>
        <translation>Nicht eingefügt: %1 ist mehr als die größte Nachrichtengröße von %2</translation>
    </message>
</context>
<context>
    <name>OutgoingMessage</name>
    <message>
        <source>Message of %1 bytes exceeds the maximum of %2 bytes: not sent</source>
        <translation>Nachricht von %1 Bytes überschreitet das Maximum von %2 Bytes: nicht gesendet</translation>
    </message>
</context>
<context>
    <name>PasswordExchange</name>
    <message>
        <source>the password is %1 bytes long in UTF-8; a server takes at most %2</source>
        <translation>das Passwort ist in UTF-8 %1 Bytes lang; ein Server nimmt höchstens %2</translation>
    </message>
    <message>
        <source>the password holds a line break, which a line cannot carry</source>
        <translation>das Passwort enthält einen Zeilenumbruch, den eine Zeile nicht tragen kann</translation>
    </message>
    <message>
        <source>Waiting for the server to ask for the password, with %1 bytes held already: the message was not sent</source>
        <translation>Warten darauf, dass der Server nach dem Passwort fragt, mit schon %1 zurückgehaltenen Bytes: die Nachricht wurde nicht gesendet</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s hello, with %1 bytes held already: the message was not sent</source>
        <translation>Warte auf das Hello des Servers, %1 Bytes sind schon zurückgehalten: die Nachricht wurde nicht gesendet</translation>
    </message>
</context>
<context>
    <name>PortSpinBox</name>
    <message>
        <source>Port %1 to %2: “%3” is not a port</source>
        <translation>Port %1 bis %2: „%3“ ist kein Port</translation>
    </message>
</context>
<context>
    <name>QuitAction</name>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>ReceivedMessageLog</name>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>server, to you only</source>
        <translation>Server, nur an Sie</translation>
    </message>
    <message>
        <source>* %1</source>
        <translation>* %1</translation>
    </message>
    <message>
        <source>The server is %1 (protocol version %2)</source>
        <translation>Der Server ist %1 (Protokollversion %2)</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>unbenannt</translation>
    </message>
    <message>
        <source> [invalid UTF-8 replaced]</source>
        <translation> [ungültiges UTF-8 ersetzt]</translation>
    </message>
</context>
<context>
    <name>SecurityPanel</name>
    <message>
        <source>Allow</source>
        <translation>Zulassen</translation>
    </message>
    <message>
        <source>Everyone, e.g. 10.0.0.0/8, ::1</source>
        <translation>Alle, z. B. 10.0.0.0/8, ::1</translation>
    </message>
    <message>
        <source>Only these addresses or CIDR ranges may connect (separated by spaces or commas; empty: everyone). Enter or leaving the field applies them.</source>
        <translation>Nur diese Adressen oder CIDR-Bereiche dürfen sich verbinden (durch Leerzeichen oder Kommas getrennt; leer: alle). Eingabe oder Verlassen des Feldes wendet sie an.</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>No one</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>These addresses or CIDR ranges may not connect, even when allowed. Enter or leaving the field applies them.</source>
        <translation>Diese Adressen oder CIDR-Bereiche dürfen sich nicht verbinden, auch wenn sie zugelassen sind. Eingabe oder Verlassen des Feldes wendet sie an.</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Zertifikatsdatei</translation>
    </message>
    <message>
        <source>None: plain TCP</source>
        <translation>Keine: reines TCP</translation>
    </message>
    <message>
        <source>PEM certificate file; with a key, the next start serves TLS on the same port</source>
        <translation>PEM-Zertifikatsdatei; mit einem Schlüssel bedient der nächste Start TLS auf demselben Port</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the certificate file</source>
        <translation>Nach der Zertifikatsdatei suchen</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <source>PEM private key file</source>
        <translation>PEM-Datei mit privatem Schlüssel</translation>
    </message>
    <message>
        <source>Browse for the key file</source>
        <translation>Nach der Schlüsseldatei suchen</translation>
    </message>
    <message>
        <source>Allow &amp;plain connections too</source>
        <translation>Auch &amp;unverschlüsselte Verbindungen zulassen</translation>
    </message>
    <message>
        <source>Allow plain connections too</source>
        <translation>Auch unverschlüsselte Verbindungen zulassen</translation>
    </message>
    <message>
        <source>With TLS on, plain TCP clients (nc, telnet) are refused unless this is checked</source>
        <translation>Mit TLS werden reine TCP-Clients (nc, telnet) abgewiesen, außer dies ist angekreuzt</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>New connections must give it (never saved). Enter or leaving the field applies it; an empty field means no password.</source>
        <translation>Neue Verbindungen müssen es angeben (wird nie gespeichert). Eingabe oder Verlassen des Feldes wendet es an; ein leeres Feld heißt kein Passwort.</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>&amp;Zulassen</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Cer&amp;tificate</source>
        <translation>Zer&amp;tifikat</translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation>Schl&amp;üssel</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Certificate File</source>
        <translation>Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Private Key File</source>
        <translation>Datei mit privatem Schlüssel</translation>
    </message>
    <message>
        <source>Allow, entry %1: %2 (not applied)</source>
        <translation>Zulassen, Eintrag %1: %2 (nicht angewendet)</translation>
    </message>
    <message>
        <source>Deny, entry %1: %2 (not applied)</source>
        <translation>Sperren, Eintrag %1: %2 (nicht angewendet)</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Set from %1</source>
        <translation>Aus %1 gesetzt</translation>
    </message>
    <message>
        <source>None: no password asked</source>
        <translation>Keins: kein Passwort verlangt</translation>
    </message>
</context>
<context>
    <name>ServerCore</name>
    <message>
        <source>Not sent: the message is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the message is %1 bytes encoded, more than the maximum of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerInput</name>
    <message>
        <source>the server sent a second hello</source>
        <translation>der Server hat ein zweites Hello gesendet</translation>
    </message>
    <message>
        <source>the server sent a %1 frame before its hello</source>
        <translation>der Server hat vor seinem Hello einen %1-Rahmen gesendet</translation>
    </message>
    <message>
        <source>%1: the server answered in lines (“%2”): choose Framing: Lines</source>
        <translation>%1: der Server antwortete in Zeilen („%2“): Rahmung: Zeilen wählen</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>Welcome client %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerWindow</name>
    <message>
        <source>Listening on %1 — %2 — %3</source>
        <translation>Lauscht auf %1 — %2 — %3</translation>
    </message>
    <message>
        <source>open: no password, no TLS</source>
        <translation>offen: kein Passwort, kein TLS</translation>
    </message>
    <message>
        <source>no TLS</source>
        <translation>kein TLS</translation>
    </message>
    <message>
        <source>TLS or plain</source>
        <translation>TLS oder unverschlüsselt</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>password required</source>
        <translation>Passwort verlangt</translation>
    </message>
    <message>
        <source>no password</source>
        <translation>kein Passwort</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>all interfaces (IPv4 and IPv6), port %1</source>
        <translation>allen Schnittstellen (IPv4 und IPv6), Port %1</translation>
    </message>
    <message>
        <source>all IPv4 interfaces, port %1</source>
        <translation>allen IPv4-Schnittstellen, Port %1</translation>
    </message>
    <message>
        <source>all IPv6 interfaces, port %1</source>
        <translation>allen IPv6-Schnittstellen, Port %1</translation>
    </message>
    <message>
        <source>%1 (any free port)</source>
        <translation>%1 (beliebiger freier Port)</translation>
    </message>
    <message>
        <source>Server IP addresses</source>
        <translation>IP-Adressen des Servers</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Port 0 to 65535; 0 means any free port</source>
        <translation>Port 0 bis 65535; 0 heißt ein beliebiger freier Port</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>Bindung</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>Rahmung</translation>
    </message>
    <message>
        <source>Auto (detect per connection)</source>
        <translation>Automatisch (je Verbindung erkannt)</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Rahmen</translation>
    </message>
    <message>
        <source>Client messages</source>
        <translation>Client-Nachrichten</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Echo to the sender</source>
        <translation>An den Absender zurück</translation>
    </message>
    <message>
        <source>Relay to the others</source>
        <translation>An die anderen weiterleiten</translation>
    </message>
    <message>
        <source>Welcome text</source>
        <translation>Begrüßungstext</translation>
    </message>
    <message>
        <source>%1 is replaced by the client&apos;s id, %% by %</source>
        <translation>%1 wird durch die Nummer des Clients ersetzt, %% durch %</translation>
    </message>
    <message>
        <source>Sta&amp;rt Listening</source>
        <translation>Lauschen sta&amp;rten</translation>
    </message>
    <message>
        <source>Start Listening</source>
        <translation>Lauschen starten</translation>
    </message>
    <message>
        <source>Stop &amp;Listening</source>
        <translation>&amp;Lauschen beenden</translation>
    </message>
    <message>
        <source>Stop Listening</source>
        <translation>Lauschen beenden</translation>
    </message>
    <message>
        <source>Ser&amp;ver IP</source>
        <translation>Ser&amp;ver-IP</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>P&amp;ort</translation>
    </message>
    <message>
        <source>B&amp;ind</source>
        <translation>B&amp;indung</translation>
    </message>
    <message>
        <source>&amp;Framing</source>
        <translation>&amp;Rahmung</translation>
    </message>
    <message>
        <source>Client messa&amp;ges</source>
        <translation>Client-Nachrich&amp;ten</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Enter sends to all; Shift+Enter inserts a newline</source>
        <translation>Eingabe sendet an alle; Umschalt+Eingabe fügt einen Zeilenumbruch ein</translation>
    </message>
    <message>
        <source>Se&amp;nd to All</source>
        <translation>An alle se&amp;nden</translation>
    </message>
    <message>
        <source>Send to All</source>
        <translation>An alle senden</translation>
    </message>
    <message>
        <source>Sends the message to every client (Enter in the message box)</source>
        <translation>Sendet die Nachricht an jeden Client (Eingabe im Nachrichtenfeld)</translation>
    </message>
    <message>
        <source>M&amp;essage</source>
        <translation>Nachricht (&amp;e)</translation>
    </message>
    <message>
        <source>Connected clients</source>
        <translation>Verbundene Clients</translation>
    </message>
    <message>
        <source>&amp;Send to selected</source>
        <translation>An Ausgewählte &amp;senden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Disconnect and &amp;ban</source>
        <translation>Trennen und s&amp;perren</translation>
    </message>
    <message>
        <source>Show &amp;only this client&apos;s messages</source>
        <translation>Nur die Nachrichten dieses Clients &amp;zeigen</translation>
    </message>
    <message>
        <source>Filters the log to this client; the bar above the log shows all again</source>
        <translation>Filtert das Protokoll auf diesen Client; die Leiste über dem Protokoll zeigt wieder alle</translation>
    </message>
    <message>
        <source>Send to &amp;Selected</source>
        <translation>An Ausgewählte &amp;senden</translation>
    </message>
    <message>
        <source>Send to Selected</source>
        <translation>An Ausgewählte senden</translation>
    </message>
    <message>
        <source>Sends the message to the selected clients only, as a direct message (they see it as sent to them alone)</source>
        <translation>Sendet die Nachricht nur an die ausgewählten Clients, als Direktnachricht (sie sehen sie als nur an sie gesendet)</translation>
    </message>
    <message>
        <source>Dis&amp;connect</source>
        <translation>Tren&amp;nen</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Disconnects the selected clients, after asking (Delete in the table)</source>
        <translation>Trennt die ausgewählten Clients, nach Rückfrage (Entf in der Tabelle)</translation>
    </message>
    <message>
        <source>Disconnect and &amp;Ban</source>
        <translation>Trennen und s&amp;perren</translation>
    </message>
    <message>
        <source>Disconnect and Ban</source>
        <translation>Trennen und sperren</translation>
    </message>
    <message>
        <source>Disconnects the selected clients and refuses their addresses for the time set, after asking (Shift+Delete in the table)</source>
        <translation>Trennt die ausgewählten Clients und weist ihre Adressen für die eingestellte Zeit ab, nach Rückfrage (Umschalt+Entf in der Tabelle)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Ban for minutes</source>
        <translation>Sperrdauer in Minuten</translation>
    </message>
    <message>
        <source>Connected Clients</source>
        <translation>Verbundene Clients</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>TLS certificate SHA-&amp;256:</source>
        <translation>TLS-Zertifikat SHA-&amp;256:</translation>
    </message>
    <message>
        <source>TLS certificate SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck des TLS-Zertifikats</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Stops the server and closes the window, after asking when clients are connected (Ctrl+Q)</source>
        <translation>Beendet den Server und schließt das Fenster, nach Rückfrage, wenn Clients verbunden sind (Strg+Q)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <source>Status Message:</source>
        <translation>Statusmeldung:</translation>
    </message>
    <message>
        <source>detecting</source>
        <translation>wird erkannt</translation>
    </message>
    <message>
        <source>Any (IPv4 + IPv6)</source>
        <translation>Alle (IPv4 + IPv6)</translation>
    </message>
    <message>
        <source>Localhost</source>
        <translation>Localhost</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weiterer</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Disconnect %1?</source>
        <translation>%1 trennen?</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n clients: %1?</source>
        <translation>
            <numerusform>%n Client trennen: %1?</numerusform>
            <numerusform>%n Clients trennen: %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients (%1)</source>
        <translation>
            <numerusform>%n Client (%1)</numerusform>
            <numerusform>%n Clients (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %1 and ban %2 for %n minute(s)?</source>
        <translation>
            <numerusform>%1 trennen und %2 für %n Minute sperren?</numerusform>
            <numerusform>%1 trennen und %2 für %n Minuten sperren?</numerusform>
        </translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>Port %1</translation>
    </message>
    <message>
        <source>Socket Server — %1, %2</source>
        <translation>Socket Server — %1, %2</translation>
    </message>
    <message>
        <source>now %1</source>
        <translation>jetzt %1</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) connected: stop the server and quit?</source>
        <translation>
            <numerusform>%n Client verbunden: den Server beenden und schließen?</numerusform>
            <numerusform>%n Clients verbunden: den Server beenden und schließen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n Client</numerusform>
            <numerusform>%n Clients</numerusform>
        </translation>
    </message>
    <message>
        <source>Web page address</source>
        <translation>Adresse der Webseite</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>Webseite</translation>
    </message>
    <message>
        <source>Federation</source>
        <translation>Föderation</translation>
    </message>
</context>
<context>
    <name>TlsConfigLoader</name>
    <message>
        <source>TLS needs both a certificate and a key file</source>
        <translation>TLS braucht ein Zertifikat und eine Schlüsseldatei</translation>
    </message>
    <message>
        <source>TLS is not available here: Qt found no TLS backend (%1)</source>
        <translation>TLS ist hier nicht verfügbar: Qt fand kein TLS-Backend (%1)</translation>
    </message>
    <message>
        <source>cannot read the TLS certificate %1: %2</source>
        <translation>das TLS-Zertifikat %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>the TLS certificate %1 holds no PEM certificate</source>
        <translation>das TLS-Zertifikat %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>cannot read the TLS key %1: %2</source>
        <translation>der TLS-Schlüssel %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>the TLS key %1 holds no unencrypted PEM private key (RSA, EC or DSA)</source>
        <translation>der TLS-Schlüssel %1 enthält keinen unverschlüsselten privaten PEM-Schlüssel (RSA, EC oder DSA)</translation>
    </message>
    <message>
        <source>The TLS certificate %1 expired on %2</source>
        <translation>Das TLS-Zertifikat %1 ist am %2 abgelaufen</translation>
    </message>
    <message>
        <source>cannot use the TLS certificate %1 with the key %2: %3</source>
        <translation>das TLS-Zertifikat %1 passt nicht zum Schlüssel %2: %3</translation>
    </message>
</context>
<context>
    <name>TlsTrust</name>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation>die CA-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>die CA-Datei %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>TLS is not available: this Qt has no TLS backend</source>
        <translation>TLS ist nicht verfügbar: dieses Qt hat kein TLS-Backend</translation>
    </message>
    <message>
        <source>the certificate is self-signed and not trusted</source>
        <translation>das Zertifikat ist selbstsigniert und nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>the certificate chain ends in a self-signed certificate that is not trusted</source>
        <translation>die Zertifikatskette endet in einem selbstsignierten Zertifikat, dem nicht vertraut wird</translation>
    </message>
    <message>
        <source>the certificate does not match the pinned fingerprint %1</source>
        <translation>das Zertifikat passt nicht zum festgelegten Fingerabdruck %1</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS: %1</translation>
    </message>
    <message>
        <source>TLS: %1 (SHA-256 %2)</source>
        <translation>TLS: %1 (SHA-256 %2)</translation>
    </message>
</context>
<context>
    <name>TotalsLabel</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Clients: %1 · In: %2 msg/s, %3 · Out: %4 msg/s, %5</source>
        <translation>Clients: %1 · Ein: %2 Nachr./s, %3 · Aus: %4 Nachr./s, %5</translation>
    </message>
    <message>
        <source>Messages from clients and messages delivered to clients (one per recipient) a second, and the bytes read and written a second. In all: %1 messages in, %2 out, %3 in, %4 out.</source>
        <translation>Nachrichten von Clients und an Clients zugestellte Nachrichten (eine je Empfänger) pro Sekunde, und die pro Sekunde gelesenen und geschriebenen Bytes. Insgesamt: %1 Nachrichten ein, %2 aus, %3 ein, %4 aus.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Language of the window and messages, such as de or en (default: the system&apos;s, from LANGUAGE or LANG).</source>
        <translation>Sprache des Fensters und der Meldungen, etwa de oder en (Vorgabe: die des Systems, aus LANGUAGE oder LANG).</translation>
    </message>
    <message>
        <source>A TCP message hub: serves nc/telnet line clients and socket-client windows.
A password, if any, comes from the %1 environment variable, never from an option (every user&apos;s ps would show it).</source>
        <translation>Ein TCP-Nachrichtenknoten: bedient nc/telnet-Zeilenclients und socket-client-Fenster.
Ein Passwort kommt, wenn überhaupt, aus der Umgebungsvariablen %1, nie aus einer Option (das ps jedes Benutzers würde es zeigen).</translation>
    </message>
    <message>
        <source> (default %1)</source>
        <translation> (Vorgabe %1)</translation>
    </message>
    <message>
        <source>Port to listen on (0 = any free port).</source>
        <translation>Port, auf dem gelauscht wird (0 = ein beliebiger freier Port).</translation>
    </message>
    <message>
        <source>Address to bind: any (IPv4 + IPv6, default), localhost, or an IP.</source>
        <translation>Adresse für die Bindung: any (IPv4 + IPv6, Vorgabe), localhost oder eine IP.</translation>
    </message>
    <message>
        <source>Start listening at launch.</source>
        <translation>Beim Start lauschen.</translation>
    </message>
    <message>
        <source>Framing: auto (default), lines or frames.</source>
        <translation>Rahmung: auto (Vorgabe), lines oder frames.</translation>
    </message>
    <message>
        <source>What happens to client messages: show (default), echo or relay.</source>
        <translation>Was mit Client-Nachrichten geschieht: show (Vorgabe), echo oder relay.</translation>
    </message>
    <message>
        <source>Most clients at once.</source>
        <translation>Höchstzahl gleichzeitiger Clients.</translation>
    </message>
    <message>
        <source>Largest message in bytes.</source>
        <translation>Größte Nachricht in Bytes.</translation>
    </message>
    <message>
        <source>Bytes queued for one client past which the connections feeding it are not read.</source>
        <translation>Für einen Client wartende Bytes, ab denen die Verbindungen, die ihn speisen, nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>Bytes queued below which they are read again.</source>
        <translation>Wartende Bytes, unter denen sie wieder gelesen werden.</translation>
    </message>
    <message>
        <source>Milliseconds a client may stay above the high-water mark before it is disconnected.</source>
        <translation>Millisekunden, die ein Client über der Hochwassermarke bleiben darf, bevor er getrennt wird.</translation>
    </message>
    <message>
        <source>Bytes queued for one client past which it is disconnected at once.</source>
        <translation>Für einen Client wartende Bytes, ab denen er sofort getrennt wird.</translation>
    </message>
    <message>
        <source>Most bytes read from one connection per pass.</source>
        <translation>Höchstens gelesene Bytes einer Verbindung je Durchgang.</translation>
    </message>
    <message>
        <source>Bytes queued and partly received, all clients together, past which nothing is read.</source>
        <translation>Wartende und teilweise empfangene Bytes aller Clients zusammen, ab denen nichts mehr gelesen wird.</translation>
    </message>
    <message>
        <source>Connections the kernel may hold before they are accepted.</source>
        <translation>Verbindungen, die der Kernel halten darf, bevor sie angenommen werden.</translation>
    </message>
    <message>
        <source>Network threads, each serving its share of the clients.</source>
        <translation>Netzwerk-Threads, jeder bedient seinen Teil der Clients.</translation>
    </message>
    <message>
        <source>Milliseconds of silence after which an auto connection speaks lines.</source>
        <translation>Millisekunden Stille, nach denen eine auto-Verbindung Zeilen spricht.</translation>
    </message>
    <message>
        <source>Milliseconds a frames client has for its magic and hello; 0 = none.</source>
        <translation>Millisekunden, die ein frames-Client für Magic und Hello hat; 0 = unbegrenzt.</translation>
    </message>
    <message>
        <source>Milliseconds a message may take from its first byte to its last; 0 = none.</source>
        <translation>Millisekunden, die eine Nachricht vom ersten bis zum letzten Byte dauern darf; 0 = unbegrenzt.</translation>
    </message>
    <message>
        <source>Milliseconds of silence after which a frames client is pinged; 0 = never.</source>
        <translation>Millisekunden Stille, nach denen ein frames-Client angepingt wird; 0 = nie.</translation>
    </message>
    <message>
        <source>Milliseconds of silence after which a frames client is closed; 0 = never.</source>
        <translation>Millisekunden Stille, nach denen ein frames-Client geschlossen wird; 0 = nie.</translation>
    </message>
    <message>
        <source>Milliseconds of silence after which a line client is closed; 0 = never.</source>
        <translation>Millisekunden Stille, nach denen ein Zeilenclient geschlossen wird; 0 = nie.</translation>
    </message>
    <message>
        <source>Send texts to line clients byte for byte (for devices): control characters are not made visible and server texts are not quoted.</source>
        <translation>Texte an Zeilenclients Byte für Byte senden (für Geräte): Steuerzeichen werden nicht sichtbar gemacht und Servertexte nicht zitiert.</translation>
    </message>
    <message>
        <source>Only this address or CIDR range may connect (repeatable; ncat&apos;s --allow).</source>
        <translation>Nur diese Adresse oder dieser CIDR-Bereich darf sich verbinden (wiederholbar; wie --allow von ncat).</translation>
    </message>
    <message>
        <source>This address or CIDR range may not connect (repeatable; ncat&apos;s --deny).</source>
        <translation>Diese Adresse oder dieser CIDR-Bereich darf sich nicht verbinden (wiederholbar; wie --deny von ncat).</translation>
    </message>
    <message>
        <source>Most connections from one address; 0 = no limit.</source>
        <translation>Höchstzahl der Verbindungen von einer Adresse; 0 = unbegrenzt.</translation>
    </message>
    <message>
        <source>Relay mode sends join and leave notices while at most N clients are connected; 0 = never.</source>
        <translation>Der relay-Modus sendet Hinweise auf Kommen und Gehen, solange höchstens N Clients verbunden sind; 0 = nie.</translation>
    </message>
    <message>
        <source>TLS certificate (PEM; with --tls-key): TLS clients are served on the same port.</source>
        <translation>TLS-Zertifikat (PEM; mit --tls-key): TLS-Clients werden auf demselben Port bedient.</translation>
    </message>
    <message>
        <source>TLS private key (PEM, unencrypted).</source>
        <translation>Privater TLS-Schlüssel (PEM, unverschlüsselt).</translation>
    </message>
    <message>
        <source>With TLS, serve plain connections too (refused with a notice by default).</source>
        <translation>Mit TLS auch unverschlüsselte Verbindungen bedienen (sonst mit einem Hinweis abgewiesen).</translation>
    </message>
    <message>
        <source>Wrong or missing passwords from one address, within the lockout time, that lock it out; 0 = never. The password itself comes from the SOCKETHUB_PASSWORD environment variable.</source>
        <translation>Falsche oder fehlende Passwörter von einer Adresse innerhalb der Sperrzeit, nach denen sie gesperrt wird; 0 = nie. Das Passwort selbst kommt aus der Umgebungsvariablen SOCKETHUB_PASSWORD.</translation>
    </message>
    <message>
        <source>Seconds an address is locked out, and the time in which its failures count.</source>
        <translation>Sekunden, die eine Adresse gesperrt wird, und die Zeit, in der ihre Fehlversuche zählen.</translation>
    </message>
    <message>
        <source>Welcome notice; %1 is the client&apos;s id, %% a %.</source>
        <translation>Begrüßungshinweis; %1 ist die Nummer des Clients, %% ein %.</translation>
    </message>
    <message>
        <source>Append every log line to FILE (&apos;-&apos; = stdout), written off the network thread.</source>
        <translation>Jede Protokollzeile an DATEI anhängen (&apos;-&apos; = Standardausgabe), außerhalb des Netzwerk-Threads geschrieben.</translation>
    </message>
    <message>
        <source>Run without a window (implies --listen), from the defaults and this command line only.</source>
        <translation>Ohne Fenster laufen (schließt --listen ein), nur mit den Vorgaben und dieser Befehlszeile.</translation>
    </message>
    <message>
        <source>With --headless: start from the settings the window saved, under this command line&apos;s options. A windowed run always does; the command line never changes them.</source>
        <translation>Mit --headless: von den Einstellungen ausgehen, die das Fenster gespeichert hat, unter den Optionen dieser Befehlszeile. Ein Lauf mit Fenster tut das immer; die Befehlszeile ändert sie nie.</translation>
    </message>
    <message>
        <source>On exit, print one line: stats: max-stall-ms=N deliveries=N ...</source>
        <translation>Beim Beenden eine Zeile ausgeben: stats: max-stall-ms=N deliveries=N ...</translation>
    </message>
    <message>
        <source>--%1 must be a number from %2 to %3</source>
        <translation>--%1 muss eine Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>--bind: %1 is not an address</source>
        <translation>--bind: %1 ist keine Adresse</translation>
    </message>
    <message>
        <source>--framing must be auto, lines or frames</source>
        <translation>--framing muss auto, lines oder frames sein</translation>
    </message>
    <message>
        <source>--client-messages must be show, echo or relay</source>
        <translation>--client-messages muss show, echo oder relay sein</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert und --tls-key gehören zusammen</translation>
    </message>
    <message>
        <source>--low-water must not be above --high-water</source>
        <translation>--low-water darf nicht über --high-water liegen</translation>
    </message>
    <message>
        <source>--log %1: %2</source>
        <translation>--log %1: %2</translation>
    </message>
    <message>
        <source>Server to connect to (IPv4, IPv6 or a name).</source>
        <translation>Server, mit dem verbunden wird (IPv4, IPv6 oder ein Name).</translation>
    </message>
    <message>
        <source>Server port (default %1).</source>
        <translation>Port des Servers (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Your name, sent to the server in frames mode.</source>
        <translation>Ihr Name, im frames-Modus an den Server gesendet.</translation>
    </message>
    <message>
        <source>Keep the window&apos;s settings under this name (default: the --name value, or &quot;default&quot;), so that several windows do not overwrite each other&apos;s.</source>
        <translation>Die Einstellungen des Fensters unter diesem Namen halten (Vorgabe: der Wert von --name, oder &quot;default&quot;), damit mehrere Fenster einander nicht überschreiben.</translation>
    </message>
    <message>
        <source>lines or frames (default frames).</source>
        <translation>lines oder frames (Vorgabe frames).</translation>
    </message>
    <message>
        <source>Connect at launch.</source>
        <translation>Beim Start verbinden.</translation>
    </message>
    <message>
        <source>A message to send once connected; repeatable, sent in order.</source>
        <translation>Eine Nachricht, die nach dem Verbinden gesendet wird; wiederholbar, der Reihe nach gesendet.</translation>
    </message>
    <message>
        <source>Also write every log line to FILE (&apos;-&apos; = stdout), flushed.</source>
        <translation>Jede Protokollzeile auch an DATEI schreiben (&apos;-&apos; = Standardausgabe), sofort geleert.</translation>
    </message>
    <message>
        <source>Largest message sent or accepted, in bytes (default %1).</source>
        <translation>Größte gesendete oder angenommene Nachricht, in Bytes (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Connect timeout in ms (default %1).</source>
        <translation>Zeitlimit für den Verbindungsaufbau in ms (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Frames: ping interval in ms (default %1).</source>
        <translation>Frames: Ping-Abstand in ms (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Frames: the server is dead after this many ms of silence (default %1).</source>
        <translation>Frames: der Server gilt nach so vielen ms Stille als tot (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Frames: close when the server has not sent its hello this many ms after the connection opened (default %1).</source>
        <translation>Frames: schließen, wenn der Server sein Hello nicht so viele ms nach dem Verbindungsaufbau gesendet hat (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Close when more than this many bytes wait to be sent to a server that does not read (default %1).</source>
        <translation>Schließen, wenn mehr als so viele Bytes darauf warten, an einen Server gesendet zu werden, der nicht liest (Vorgabe %1).</translation>
    </message>
    <message>
        <source>On exit, wait at most this many ms for queued messages to be sent (default %1).</source>
        <translation>Beim Beenden höchstens so viele ms warten, bis wartende Nachrichten gesendet sind (Vorgabe %1).</translation>
    </message>
    <message>
        <source>Connect with TLS, verifying the server against the system CAs (or --tls-ca).</source>
        <translation>Mit TLS verbinden und den Server gegen die Zertifizierungsstellen des Systems prüfen (oder --tls-ca).</translation>
    </message>
    <message>
        <source>Trust only the CA certificates of this PEM file (implies --tls).</source>
        <translation>Nur den CA-Zertifikaten dieser PEM-Datei vertrauen (schließt --tls ein).</translation>
    </message>
    <message>
        <source>Accept the server certificate with this SHA-256 fingerprint (hex, colons optional), even self-signed, and no other (implies --tls).</source>
        <translation>Das Serverzertifikat mit diesem SHA-256-Fingerabdruck annehmen (hexadezimal, Doppelpunkte erlaubt), auch selbstsigniert, und kein anderes (schließt --tls ein).</translation>
    </message>
    <message>
        <source>--profile must not be empty</source>
        <translation>--profile darf nicht leer sein</translation>
    </message>
    <message>
        <source>--framing must be lines or frames, not &quot;%1&quot;</source>
        <translation>--framing muss lines oder frames sein, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--tls-ca: %1</source>
        <translation>--tls-ca: %1</translation>
    </message>
    <message>
        <source>--tls-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), not &quot;%1&quot;</source>
        <translation>--tls-fingerprint muss ein SHA-256-Fingerabdruck sein (64 Hexziffern, Doppelpunkte erlaubt), nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot open the log %1: %2</source>
        <translation>das Protokoll %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) not sent to %1: the connection did not drain within %2 ms</source>
        <translation>
            <numerusform>%n Byte nicht an %1 gesendet: die Verbindung wurde nicht innerhalb von %2 ms geleert</numerusform>
            <numerusform>%n Bytes nicht an %1 gesendet: die Verbindung wurde nicht innerhalb von %2 ms geleert</numerusform>
        </translation>
    </message>
    <message>
        <source>Most connections from one address not admitted yet (TLS handshake or password pending); 0 = no limit.</source>
        <translation>Höchstens so viele noch nicht zugelassene Verbindungen von einer Adresse (TLS-Handshake oder Passwort ausstehend); 0 = keine Grenze.</translation>
    </message>
    <message>
        <source>New TLS connections per second from one address (a token bucket); past it they are closed at accept; 0 = no limit.</source>
        <translation>Neue TLS-Verbindungen pro Sekunde von einer Adresse (ein Token-Bucket); darüber werden sie beim Annehmen geschlossen; 0 = keine Grenze.</translation>
    </message>
    <message>
        <source>New TLS connections one address may open at once before --connect-rate applies.</source>
        <translation>Neue TLS-Verbindungen, die eine Adresse auf einmal öffnen darf, bevor --connect-rate gilt.</translation>
    </message>
    <message>
        <source>Milliseconds a client must stay before its join is announced; one that leaves sooner is announced neither joining nor leaving; 0 = at once.</source>
        <translation>Millisekunden, die ein Client bleiben muss, bevor sein Beitritt gemeldet wird; wer früher geht, wird weder als beigetreten noch als gegangen gemeldet; 0 = sofort.</translation>
    </message>
    <message>
        <source>Joins announced per address at once (then one per --presence-refill); 0 = no limit.</source>
        <translation>Gemeldete Beitritte pro Adresse auf einmal (dann einer pro --presence-refill); 0 = keine Grenze.</translation>
    </message>
    <message>
        <source>Milliseconds per further join announced from one address.</source>
        <translation>Millisekunden pro weiterem gemeldeten Beitritt von einer Adresse.</translation>
    </message>
    <message>
        <source>Connects to a Socket Hub server (or any line-based TCP service) and exchanges messages with it.

A server password is taken from the %1 environment variable (or the window&apos;s Password field), never from the command line.</source>
        <translation>Verbindet sich mit einem Socket-Hub-Server (oder einem beliebigen zeilenbasierten TCP-Dienst) und tauscht Nachrichten mit ihm aus.

Ein Server-Passwort kommt aus der Umgebungsvariable %1 (oder dem Passwortfeld des Fensters), nie von der Kommandozeile.</translation>
    </message>
    <message>
        <source>Reconnect automatically (after 1 s, 2 s, 4 s, then every %1 s, each up to a fifth sooner at random; the schedule starts over after each connection, and a server that stopped listening is tried again within a fifth of a second).</source>
        <translation>Automatisch neu verbinden (nach 1 s, 2 s, 4 s, dann alle %1 s, jeweils zufällig bis zu einem Fünftel früher; der Plan beginnt nach jeder Verbindung von vorn, und ein Server, der nicht mehr lauscht, wird innerhalb einer Fünftelsekunde erneut versucht).</translation>
    </message>
    <message>
        <source>On exit, print one line: stats: max-stall-ms=N (the window&apos;s longest stall) read-holds=N (how often reading waited for the log).</source>
        <translation>Beim Beenden eine Zeile ausgeben: stats: max-stall-ms=N (die längste Blockade des Fensters) read-holds=N (wie oft das Lesen auf das Log wartete).</translation>
    </message>
    <message>
        <source>Stop reading from the server while more than this many bytes of received lines are not yet shown or written to --log (default %1).</source>
        <translation>Nicht vom Server lesen, solange mehr als so viele Bytes empfangener Zeilen noch nicht angezeigt oder in --log geschrieben sind (Standard %1).</translation>
    </message>
    <message>
        <source>A web origin (https://host[:port]) whose pages may open a WebSocket to this server, besides the server&apos;s own page (repeatable).</source>
        <translation>Ein Web-Ursprung (https://host[:port]), dessen Seiten einen WebSocket zu diesem Server öffnen dürfen, neben der eigenen Seite des Servers (wiederholbar).</translation>
    </message>
    <message>
        <source>--ws-origin: %1 is not an http:// or https:// origin</source>
        <translation>--ws-origin: %1 ist kein http://- oder https://-Ursprung</translation>
    </message>
    <message>
        <source>Join a federation of servers through Redis: redis://[:PASSWORD@]HOST:PORT[/NAME], HOST an IP address (docs/federation.md). The password may instead be in SOCKETHUB_REDIS_PASSWORD.</source>
        <translation>Einer Föderation von Servern über Redis beitreten: redis://[:PASSWORT@]HOST:PORT[/NAME], HOST eine IP-Adresse (docs/federation.md). Das Passwort kann stattdessen in SOCKETHUB_REDIS_PASSWORD stehen.</translation>
    </message>
    <message>
        <source>This server&apos;s name in a federation (default HOST-PID).</source>
        <translation>Der Name dieses Servers in einer Föderation (Vorgabe HOST-PID).</translation>
    </message>
    <message>
        <source>Entries the federation&apos;s relay stream keeps, about.</source>
        <translation>Einträge, die der Relay-Stream der Föderation ungefähr behält.</translation>
    </message>
    <message>
        <source>Bytes waiting for Redis before relay readers are held.</source>
        <translation>Bytes, die auf Redis warten dürfen, bevor Relay-Leser angehalten werden.</translation>
    </message>
    <message>
        <source>Largest stream entry payload accepted from Redis, in bytes.</source>
        <translation>Größte von Redis angenommene Nutzlast eines Stream-Eintrags, in Bytes.</translation>
    </message>
    <message>
        <source>--federate: %1</source>
        <translation>--federate: %1</translation>
    </message>
    <message>
        <source>Most TLS handshakes at once on a network thread; more wait, unread, for one to end; 0 = no limit.</source>
        <translation>Höchstens so viele TLS-Handshakes gleichzeitig je Netzwerk-Thread; weitere warten ungelesen, bis einer endet; 0 = keine Grenze.</translation>
    </message>
</context>
</TS>
