<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AccessPolicy</name>
        <message>
            <source>%1 is not an address or a CIDR range</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BanList</name>
        <message>
            <source>Banned addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unban</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unban</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lifts the ban on the selected addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Banned:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (until %2)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CertificatePrompt</name>
        <message>
            <source>Why the certificate was refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Trust this certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SHA-&amp;256:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused certificate's SHA-256 fingerprint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate of %1 was not accepted: %2. Trust it only if its fingerprint is the one the server's operator gave you.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClientConnection</name>
        <message>
            <source>replaced by a new connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not connect: no host given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not connect to %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server did not ask for it within %1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 closed by the server: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 lost: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 closed by the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 closed: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 closed: the server is not reading (more than %2 bytes waiting to be sent)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server's hello did not ask for it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server did not ask for it first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 closed: the server did not say hello within %2 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection to %1 closed: no reply from the server for %2 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected: the message was not sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>disconnected by the user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>aborted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2 bytes not sent)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClientTableModel</name>
        <message>
            <source>detecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>plain</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n chat message(s); </source>
            <translation>
                <numerusform>%n chat message; </numerusform>
                <numerusform>%n chat messages; </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n protocol frame(s) (hello, pings, pongs)</source>
            <translation>
                <numerusform>%n protocol frame (hello, pings, pongs)</numerusform>
                <numerusform>%n protocol frames (hello, pings, pongs)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n protocol frame(s) (hello, notices, pings, pongs)</source>
            <translation>
                <numerusform>%n protocol frame (hello, notices, pings, pongs)</numerusform>
                <numerusform>%n protocol frames (hello, notices, pings, pongs)</numerusform>
            </translation>
        </message>
        <message>
            <source>TLS and its version, or plain TCP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When the client connected (local time)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chat messages from the client (texts); protocol frames are counted apart, in the cell's tooltip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chat messages to the client (texts and direct messages); protocol frames are counted apart, in the cell's tooltip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Framing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Security</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Msgs in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Msgs out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The federated server the client is connected to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Instance</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClientWindow</name>
        <message>
            <source>Connecting to %1 (%2)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected to %1 with %2 (server certificate SHA-256 %3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sent the password: the server asked for it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password not sent: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnected from %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconnecting in %1 s (attempt %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>me</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Socket Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Connect To Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Disconnect From Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reconnect automatically</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message From Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Counters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Since the connection began: texts and notices received, texts sent, and every byte each way (hellos, pings and pongs too)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cl&amp;ose</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection Status:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trusting the certificate of %1 from now on (SHA-256 %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In: %1, %2 · Out: %3, %4</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message>
            <source>%1, server certificate SHA-256 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not encrypted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 @ %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — Socket Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;ancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not Connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not Connected — %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting to %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected to %1 with %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconnecting in %1 s… — %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Closed with %n byte(s) not sent to %1: the connection did not drain within %2 ms</source>
            <translation>
                <numerusform>Closed with %n byte not sent to %1: the connection did not drain within %2 ms</numerusform>
                <numerusform>Closed with %n bytes not sent to %1: the connection did not drain within %2 ms</numerusform>
            </translation>
        </message>
        <message>
            <source>me, not delivered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection set&amp;up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show or hide the server, name, framing, password and TLS settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConnectAttempt</name>
        <message>
            <source>Could not connect to %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server does not speak TLS (%1): untick TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS: the handshake did not complete: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>: the server may not speak TLS (untick TLS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not connect to %1: the TLS handshake did not finish within %2 s%3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not connect to %1: Connection timed out after %2 s</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConnectionForm</name>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IPv4, IPv6 or host name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server &amp;IP Address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server &amp;Port:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your &amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frames (socket-server)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines (any text service)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Framing:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>only for a server that asks for one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;LS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Encrypt the connection and verify the server's certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Encryption</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Security:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EngineEvent</name>
        <message>
            <source>Listening on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listening on %1 with TLS (certificate SHA-256 %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listening on %1 with TLS (certificate SHA-256 %2); plain connections allowed too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not listen on %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped listening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client messages: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot accept connections for now: %1. Retrying.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 connected from %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 connected from %2 (%3) with the password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 is %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's message (%2 bytes) was not relayed to %3 clients: over the %4-byte maximum</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A message (%1 bytes) was not sent to %2 clients: over the %3-byte maximum</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 from %2 left before it was admitted: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 left: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To all (%1): %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: no client selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To %1 (direct): %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ignored an access rule: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 from %2 (%3) refused: %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is %2 (%3 within %4 s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused a connection from %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lifted the ban on %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Banned %1 for %n minute(s)</source>
            <translation>
                <numerusform>Banned %1 for %n minute</numerusform>
                <numerusform>Banned %1 for %n minutes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Refused %n more connection(s) in the last %1 s</source>
            <translation>
                <numerusform>Refused %n more connection in the last %1 s</numerusform>
                <numerusform>Refused %n more connections in the last %1 s</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EscapedText</name>
        <message>
            <source>a \ at the end, at character %1: write \\ for a backslash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 at character %2: \x takes two hex digits, as in \x0D</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown escape %1 at character %2: use \r, \n, \t, \\ or \xNN</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FederationField</name>
        <message>
            <source>Federation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None: this server alone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The Redis of a federation of servers, redis://HOST:PORT/NAME; used from the next start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: a password would be stored in the settings file. Leave it out here and give it in %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved: no federation, as now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved: the federation in use now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved: the next start of socket-server joins no federation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved: the next start of socket-server joins %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FederationLabel</name>
        <message>
            <source>connecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reconnecting</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Federation: %1, %n other instance(s)</source>
            <translation>
                <numerusform>Federation: %1, %n other instance</numerusform>
                <numerusform>Federation: %1, %n other instances</numerusform>
            </translation>
        </message>
        <message>
            <source>Messages through Redis: %1 out, %2 in; lag %3 ms; %4 missed, %5 bad entries</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HubTcpServer</name>
        <message>
            <source>all interfaces (IPv4 and IPv6), port %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all IPv4 interfaces, port %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all IPv6 interfaces, port %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LogEvent</name>
        <message>
            <source> [invalid UTF-8 replaced]</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> … [%1 bytes]</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LogPane</name>
        <message>
            <source>He&amp;x</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;how all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save log...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter the log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shows only the lines that contain this text, in any case (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Writes every line the log keeps to a file (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Empties the log (Ctrl+Shift+L)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show messages as hex bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shows each message's bytes in hex, with the printable ones beside them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ti&amp;mestamps:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date and time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hidden</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timestamps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show all clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Jump to latest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scrolls to the newest line and follows new lines again (Ctrl+End)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save Log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text files (*.txt *.log);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Showing %1 only</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>&amp;Jump to latest (%n new)</source>
            <translation>
                <numerusform>&amp;Jump to latest (%n new)</numerusform>
                <numerusform>&amp;Jump to latest (%n new)</numerusform>
            </translation>
        </message>
        <message>
            <source>Log saved to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not save the log to %1: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LogView</name>
        <message>
            <source>Log</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>… %Ln line(s) not searched (flood)</source>
            <extracomment>A flood arrived while the log is filtered: older lines of it were not searched.</extracomment>
            <translation>
                <numerusform>… %Ln line not searched (flood)</numerusform>
                <numerusform>… %Ln lines not searched (flood)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> … [%n characters]</source>
            <translation>
                <numerusform> … [%n character]</numerusform>
                <numerusform> … [%n characters]</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… %Ln line(s) not shown (flood)</source>
            <extracomment>Always 2 or more.</extracomment>
            <translation>
                <numerusform>… %Ln line not shown (flood)</numerusform>
                <numerusform>… %Ln lines not shown (flood)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MessageComposer</name>
        <message>
            <source>Message To Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message to send</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter sends, Shift+Enter inserts a newline, Up recalls</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Send Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hex/&amp;escapes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send escapes as bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>\r, \n, \t, \\ and \xNN (two hex digits) in the message are sent as the bytes they name, for devices: \x02STATUS\x03</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CR LF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line ending</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines framing: what ends each line sent (a line break in the message too; with None, a line break stays LF)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line endin&amp;g:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MessageEdit</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 bytes (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not pasted: %1 is more than the maximum message size of %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OutgoingMessage</name>
        <message>
            <source>Message of %1 bytes exceeds the maximum of %2 bytes: not sent</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PasswordExchange</name>
        <message>
            <source>the password is %1 bytes long in UTF-8; a server takes at most %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the password holds a line break, which a line cannot carry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the server to ask for the password, with %1 bytes held already: the message was not sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the server's hello, with %1 bytes held already: the message was not sent</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PortSpinBox</name>
        <message>
            <source>Port %1 to %2: “%3” is not a port</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QuitAction</name>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReceivedMessageLog</name>
        <message>
            <source>server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>server, to you only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>* %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server is %1 (protocol version %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unnamed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> [invalid UTF-8 replaced]</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SecurityPanel</name>
        <message>
            <source>Allow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everyone, e.g. 10.0.0.0/8, ::1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only these addresses or CIDR ranges may connect (separated by spaces or commas; empty: everyone). Enter or leaving the field applies them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deny</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>These addresses or CIDR ranges may not connect, even when allowed. Enter or leaving the field applies them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None: plain TCP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM certificate file; with a key, the next start serves TLS on the same port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse for the certificate file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Key file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM private key file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse for the key file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Allow &amp;plain connections too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Allow plain connections too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With TLS on, plain TCP clients (nc, telnet) are refused unless this is checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New connections must give it (never saved). Enter or leaving the field applies it; an empty field means no password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Allow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Deny</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cer&amp;tificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pass&amp;word</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Security</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private Key File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Allow, entry %1: %2 (not applied)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deny, entry %1: %2 (not applied)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM files (*.pem *.crt *.cer *.key)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set from %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None: no password asked</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServerCore</name>
        <message>
            <source>Not sent: the message is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: the message is %1 bytes encoded, more than the maximum of %2 bytes</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServerInput</name>
        <message>
            <source>the server sent a second hello</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server sent a %1 frame before its hello</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the server answered in lines (“%2”): choose Framing: Lines</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServerOptions</name>
        <message>
            <source>Welcome client %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServerWindow</name>
        <message>
            <source>Listening on %1 — %2 — %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>open: no password, no TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS or plain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>password required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all interfaces (IPv4 and IPv6), port %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all IPv4 interfaces, port %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all IPv6 interfaces, port %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (any free port)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server IP addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port 0 to 65535; 0 means any free port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Framing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto (detect per connection)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frames</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client messages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Echo to the sender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay to the others</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welcome text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is replaced by the client's id, %% by %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sta&amp;rt Listening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start Listening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop &amp;Listening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop Listening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ser&amp;ver IP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P&amp;ort</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>B&amp;ind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Framing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client messa&amp;ges</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter sends to all; Shift+Enter inserts a newline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Se&amp;nd to All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send to All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sends the message to every client (Enter in the message box)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>M&amp;essage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Send to selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Disconnect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect and &amp;ban</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;only this client's messages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filters the log to this client; the bar above the log shows all again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send to &amp;Selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send to Selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sends the message to the selected clients only, as a direct message (they see it as sent to them alone)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dis&amp;connect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnects the selected clients, after asking (Delete in the table)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect and &amp;Ban</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect and Ban</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnects the selected clients and refuses their addresses for the time set, after asking (Shift+Delete in the table)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ban for minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected Clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS certificate SHA-&amp;256:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS certificate SHA-256 fingerprint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stops the server and closes the window, after asking when clients are connected (Ctrl+Q)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status Message:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>detecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any (IPv4 + IPv6)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Localhost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 and %n more</source>
            <translation>
                <numerusform>%1 and %n more</numerusform>
                <numerusform>%1 and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 and %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect %1?</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Disconnect %n clients: %1?</source>
            <translation>
                <numerusform>Disconnect %n client: %1?</numerusform>
                <numerusform>Disconnect %n clients: %1?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n clients (%1)</source>
            <translation>
                <numerusform>%n client (%1)</numerusform>
                <numerusform>%n clients (%1)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Disconnect %1 and ban %2 for %n minute(s)?</source>
            <translation>
                <numerusform>Disconnect %1 and ban %2 for %n minute?</numerusform>
                <numerusform>Disconnect %1 and ban %2 for %n minutes?</numerusform>
            </translation>
        </message>
        <message>
            <source>any free port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>port %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Socket Server — %1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>now %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n client(s) connected: stop the server and quit?</source>
            <translation>
                <numerusform>%n client connected: stop the server and quit?</numerusform>
                <numerusform>%n clients connected: stop the server and quit?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n client(s)</source>
            <translation>
                <numerusform>%n client</numerusform>
                <numerusform>%n clients</numerusform>
            </translation>
        </message>
        <message>
            <source>Web page address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not listening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Web page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Federation</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TlsConfigLoader</name>
        <message>
            <source>TLS needs both a certificate and a key file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS is not available here: Qt found no TLS backend (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read the TLS certificate %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the TLS certificate %1 holds no PEM certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read the TLS key %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the TLS key %1 holds no unencrypted PEM private key (RSA, EC or DSA)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The TLS certificate %1 expired on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot use the TLS certificate %1 with the key %2: %3</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TlsTrust</name>
        <message>
            <source>cannot read the CA file %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the CA file %1 holds no PEM certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS is not available: this Qt has no TLS backend</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the certificate is self-signed and not trusted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the certificate chain ends in a self-signed certificate that is not trusted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the certificate does not match the pinned fingerprint %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS: %1 (SHA-256 %2)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TotalsLabel</name>
        <message>
            <source>%1/s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clients: %1 · In: %2 msg/s, %3 · Out: %4 msg/s, %5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Messages from clients and messages delivered to clients (one per recipient) a second, and the bytes read and written a second. In all: %1 messages in, %2 out, %3 in, %4 out.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Language of the window and messages, such as de or en (default: the system's, from LANGUAGE or LANG).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A TCP message hub: serves nc/telnet line clients and socket-client windows.
A password, if any, comes from the %1 environment variable, never from an option (every user's ps would show it).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (default %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port to listen on (0 = any free port).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address to bind: any (IPv4 + IPv6, default), localhost, or an IP.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start listening at launch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Framing: auto (default), lines or frames.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happens to client messages: show (default), echo or relay.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most clients at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest message in bytes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes queued for one client past which the connections feeding it are not read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes queued below which they are read again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds a client may stay above the high-water mark before it is disconnected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes queued for one client past which it is disconnected at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most bytes read from one connection per pass.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes queued and partly received, all clients together, past which nothing is read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connections the kernel may hold before they are accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network threads, each serving its share of the clients.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds of silence after which an auto connection speaks lines.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds a frames client has for its magic and hello; 0 = none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds a message may take from its first byte to its last; 0 = none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds of silence after which a frames client is pinged; 0 = never.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds of silence after which a frames client is closed; 0 = never.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds of silence after which a line client is closed; 0 = never.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send texts to line clients byte for byte (for devices): control characters are not made visible and server texts are not quoted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only this address or CIDR range may connect (repeatable; ncat's --allow).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This address or CIDR range may not connect (repeatable; ncat's --deny).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most connections from one address; 0 = no limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay mode sends join and leave notices while at most N clients are connected; 0 = never.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS certificate (PEM; with --tls-key): TLS clients are served on the same port.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS private key (PEM, unencrypted).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With TLS, serve plain connections too (refused with a notice by default).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong or missing passwords from one address, within the lockout time, that lock it out; 0 = never. The password itself comes from the SOCKETHUB_PASSWORD environment variable.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seconds an address is locked out, and the time in which its failures count.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welcome notice; %1 is the client's id, %% a %.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Append every log line to FILE ('-' = stdout), written off the network thread.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run without a window (implies --listen), from the defaults and this command line only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With --headless: start from the settings the window saved, under this command line's options. A windowed run always does; the command line never changes them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On exit, print one line: stats: max-stall-ms=N deliveries=N ...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--%1 must be a number from %2 to %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--bind: %1 is not an address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--framing must be auto, lines or frames</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--client-messages must be show, echo or relay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--tls-cert and --tls-key go together</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--low-water must not be above --high-water</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--log %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server to connect to (IPv4, IPv6 or a name).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server port (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your name, sent to the server in frames mode.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the window's settings under this name (default: the --name value, or "default"), so that several windows do not overwrite each other's.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>lines or frames (default frames).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect at launch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A message to send once connected; repeatable, sent in order.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also write every log line to FILE ('-' = stdout), flushed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest message sent or accepted, in bytes (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect timeout in ms (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frames: ping interval in ms (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frames: the server is dead after this many ms of silence (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frames: close when the server has not sent its hello this many ms after the connection opened (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close when more than this many bytes wait to be sent to a server that does not read (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On exit, wait at most this many ms for queued messages to be sent (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect with TLS, verifying the server against the system CAs (or --tls-ca).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trust only the CA certificates of this PEM file (implies --tls).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept the server certificate with this SHA-256 fingerprint (hex, colons optional), even self-signed, and no other (implies --tls).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--profile must not be empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--framing must be lines or frames, not "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--tls-ca: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--tls-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), not "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot open the log %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n byte(s) not sent to %1: the connection did not drain within %2 ms</source>
            <translation>
                <numerusform>%n byte not sent to %1: the connection did not drain within %2 ms</numerusform>
                <numerusform>%n bytes not sent to %1: the connection did not drain within %2 ms</numerusform>
            </translation>
        </message>
        <message>
            <source>Most connections from one address not admitted yet (TLS handshake or password pending); 0 = no limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New TLS connections per second from one address (a token bucket); past it they are closed at accept; 0 = no limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New TLS connections one address may open at once before --connect-rate applies.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds a client must stay before its join is announced; one that leaves sooner is announced neither joining nor leaving; 0 = at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Joins announced per address at once (then one per --presence-refill); 0 = no limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Milliseconds per further join announced from one address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connects to a Socket Hub server (or any line-based TCP service) and exchanges messages with it.

A server password is taken from the %1 environment variable (or the window's Password field), never from the command line.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconnect automatically (after 1 s, 2 s, 4 s, then every %1 s, each up to a fifth sooner at random; the schedule starts over after each connection, and a server that stopped listening is tried again within a fifth of a second).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On exit, print one line: stats: max-stall-ms=N (the window's longest stall) read-holds=N (how often reading waited for the log).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop reading from the server while more than this many bytes of received lines are not yet shown or written to --log (default %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A web origin (https://host[:port]) whose pages may open a WebSocket to this server, besides the server's own page (repeatable).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--ws-origin: %1 is not an http:// or https:// origin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Join a federation of servers through Redis: redis://[:PASSWORD@]HOST:PORT[/NAME], HOST an IP address (docs/federation.md). The password may instead be in SOCKETHUB_REDIS_PASSWORD.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server's name in a federation (default HOST-PID).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entries the federation's relay stream keeps, about.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bytes waiting for Redis before relay readers are held.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest stream entry payload accepted from Redis, in bytes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--federate: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most TLS handshakes at once on a network thread; more wait, unread, for one to end; 0 = no limit.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
