// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "sessionconfig.h"

#include "serveroptions.h"

SessionConfig SessionConfig::from(const ServerOptions &options)
{
    SessionConfig config;
    switch (options.framing) {
    case ServerOptions::FramingSetting::Auto: break;
    case ServerOptions::FramingSetting::Lines: config.framing = Protocol::Framing::Lines; break;
    case ServerOptions::FramingSetting::Frames: config.framing = Protocol::Framing::Frames; break;
    }
    config.framingGraceMs = options.framingGraceMs;
    config.maxMessageSize = options.maxMessageSize;
    config.maxOutboundQueue = options.maxOutboundQueue;
    config.highWaterMark = options.highWaterMark;
    config.lowWaterMark = qMin(options.lowWaterMark, options.highWaterMark);
    config.readBudget = options.readBudget;
    config.welcomeText = options.welcomeText;
    config.handshakeTimeoutMs = options.handshakeTimeoutMs;
    config.messageTimeoutMs = options.messageTimeoutMs;
    config.pingIntervalMs = options.pingIntervalMs;
    config.framesIdleTimeoutMs = options.framesIdleTimeoutMs;
    config.lineIdleTimeoutMs = options.lineIdleTimeoutMs;
    config.lineOutput = options.rawLines ? LineCodec::Output::Raw : LineCodec::Output::Escaped;
    config.allowPlaintext = options.allowPlaintext;
    config.passwordRequired = !options.passwordDigest.isEmpty();
    config.webSocketOrigins = options.webSocketOrigins;
    return config;
}
