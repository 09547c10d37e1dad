/** libp2p wire protocols on Netty. See p2p/README.md. */
package io.perpnet.p2p;
