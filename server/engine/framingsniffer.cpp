// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "framingsniffer.h"

FramingSniffer::Verdict FramingSniffer::judge(QByteArrayView first, Moment moment, const Setup &setup)
{
    if (moment != Moment::InputEnded && !setup.insideTls && !first.isEmpty() && first.front() == kTlsRecordByte)
        return setup.tlsOffered ? Verdict::StartTls : Verdict::TlsWithoutCertificate;
    const auto framing = [](Protocol::Framing f) { return f == Protocol::Framing::Frames ? Verdict::Frames : Verdict::Lines; };
    if (setup.forced)
        return framing(*setup.forced); // it waited only to tell TLS from plain
    switch (Protocol::detectFraming(first)) {
    case Protocol::Detection::Frames:
        return Verdict::Frames;
    case Protocol::Detection::Lines:
        return Verdict::Lines;
    case Protocol::Detection::Http:
        // Peeked at the grace's end, not read yet: the read that takes it
        // starts HTTP. At the end of the input it is a line.
        return moment == Moment::Read ? Verdict::Http : moment == Moment::GraceOver ? Verdict::Wait : Verdict::Lines;
    case Protocol::Detection::NeedMore:
        break;
    }
    // A proper prefix of "GET " once the grace or the input is over: a line
    // client typed it.
    if (moment != Moment::Read && Protocol::isHttpPrefix(first))
        return Verdict::Lines;
    // Silence, at the end of the grace or of the input, is a line client.
    // A proper prefix of the magic is never taken for lines.
    if (first.isEmpty())
        return moment == Moment::Read ? Verdict::Wait : Verdict::Lines;
    switch (moment) {
    case Moment::Read: return Verdict::Wait;
    case Moment::GraceOver: return Verdict::AwaitMagic;
    case Moment::InputEnded: return Verdict::MagicCutShort;
    }
    return Verdict::Wait;
}
