/** The Java SDK agents program against. See sdk/README.md. */
package io.perpnet.sdk;
