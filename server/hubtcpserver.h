// The listening socket. It hands each accepted descriptor on instead of
// making a buffered QTcpSocket, so the engine opens it unbuffered on the
// thread that will own it (as in Qt's threadedfortuneserver example).
#pragma once

#include <QTcpServer>

class HubTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    using QTcpServer::QTcpServer;

Q_SIGNALS:
    void descriptorAccepted(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override { Q_EMIT descriptorAccepted(descriptor); }
};
