package org.bricknet.core.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.bricknet.core.data.Memory;

/**
 * Reads IDX files, the format of MNIST, Fashion-MNIST, EMNIST and KMNIST: a 4-byte magic number
 * ({@code 0x00 0x00}, the element type, the number of dimensions), each dimension as a big-endian
 * 32-bit integer, then the elements. Gzipped files ({@code .gz}, recognised by their first bytes)
 * are read through a {@link GZIPInputStream}.
 *
 * <p>Only unsigned bytes (type {@code 0x08}) are accepted: that is what every image set above
 * uses. The reader checks, before allocating anything, that each dimension is positive, that their
 * product fits a Java array and at most {@link #MAX_ELEMENTS}, and — for a gzipped file — that
 * the claimed size is possible for the compressed size (deflate expands at most 1032-fold). It
 * then checks that the file holds exactly the announced bytes: fewer is "truncated", more is
 * "trailing bytes", in a plain file and after a gzip stream alike (concatenated gzip members are
 * one stream; anything else after the last member is refused). Every failure is a
 * {@link BadFileException} naming the file.
 *
 * <p>Memory: the announced size is checked against the free heap ({@link Memory#require}) before
 * anything is allocated, so an honest header the heap cannot hold is refused with the size needed,
 * not an {@code OutOfMemoryError}. A plain file's data array is allocated once the file size has
 * confirmed it. A gzipped file or array is inflated twice: once to count its data, allocating
 * nothing, then into an array of exactly that size, so that it costs no more than its data. Only a
 * gzipped stream that cannot be read twice grows its array from 1 MiB as the data arrives (a lying
 * header then costs at most about twice the bytes the stream really holds).
 */
public final class Idx {
    /** The most elements one IDX file may announce: 2^30 bytes, 17× the full 60,000-image MNIST. */
    public static final long MAX_ELEMENTS = 1L << 30;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final long DEFLATE_MAX_RATIO = 1032;
    private static final int INITIAL_CHUNK = 1 << 20;

    /** An IDX array: its dimensions and its elements as unsigned bytes. */
    public record Array(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }

        /** The product of the dimensions after the first (784 for a 28×28 image). */
        public int itemSize() {
            return data.length / dims[0];
        }

        /** The dimensions after the first: {@code {28, 28}} for MNIST images, {@code {}} for labels. */
        public int[] itemShape() {
            return java.util.Arrays.copyOfRange(dims, 1, dims.length);
        }
    }

    private Idx() {}

    /** Reads an IDX file, gzipped or not. */
    public static Array read(Path file) throws IOException {
        FileChecks.requireReadableFile(file);
        return read(() -> Files.newInputStream(file), file.toString(), Files.size(file));
    }

    /**
     * Reads an IDX stream, gzipped or not; {@code name} names it in errors and {@code storedSize}
     * is its size in bytes as stored (compressed or not; negative when unknown), used to bound the
     * announced size. A gzipped stream's data array grows as the data arrives.
     */
    public static Array read(InputStream raw, String name, long storedSize) throws IOException {
        return guarded(name, () -> {
            Opened s = new Opened(raw);
            long total = header(s, name, storedSize);
            boolean grow = s.gzip || storedSize < 0;
            Memory.require(grow ? 2 * total : total, name + " (" + dimsText(s.dims) + " bytes)");
            byte[] data = readData(s.data, (int) total, grow, name);
            s.requireEnd(total, name);
            return new Array(s.dims, data);
        });
    }

    /** Reads an IDX file (gzipped or not) held in memory; {@code name} names it in errors. */
    public static Array read(byte[] bytes, String name) throws BadFileException {
        try {
            return read(() -> new java.io.ByteArrayInputStream(bytes), name, bytes.length);
        } catch (BadFileException e) {
            throw e;
        } catch (IOException e) {
            throw new BadFileException(name, "unreadable (" + e + ")", e);
        }
    }

    /** Where the bytes come from, opened anew for each pass. */
    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Reads a source that can be opened twice. A gzipped one is inflated twice: first to count its
     * data and check its end, allocating nothing, then into an array of exactly the size found, so
     * that neither a lying header nor growing an array costs more than the data itself.
     */
    private static Array read(Source source, String name, long storedSize) throws IOException {
        int[] dims;
        long total;
        try (InputStream raw = source.open()) {
            Array plain = guarded(name, () -> {
                Opened s = new Opened(raw);
                long t = header(s, name, storedSize);
                if (s.gzip) {
                    byte[] buf = new byte[1 << 16];
                    long n = 0;
                    while (n < t) {
                        int got = s.data.read(buf, 0, (int) Math.min(buf.length, t - n));
                        if (got < 0) {
                            throw new BadFileException(
                                    name, "truncated: announces " + t + " bytes of data, holds " + n);
                        }
                        n += got;
                    }
                    s.requireEnd(t, name);
                    return new Array(s.dims, null);
                }
                Memory.require(t, name + " (" + dimsText(s.dims) + " bytes)");
                byte[] data = readData(s.data, (int) t, false, name);
                s.requireEnd(t, name);
                return new Array(s.dims, data);
            });
            if (plain.data() != null) {
                return plain;
            }
            dims = plain.dims();
            total = 1;
            for (int d : dims) {
                total *= d;
            }
        }
        Memory.require(total, name + " (" + dimsText(dims) + " bytes)");
        try (InputStream raw = source.open()) {
            long t = total;
            return guarded(name, () -> {
                Opened s = new Opened(raw);
                header(s, name, storedSize);
                return new Array(s.dims, readData(s.data, (int) t, false, name));
            });
        }
    }

    /** A body of reading that turns the gzip and end-of-file exceptions into a {@link BadFileException}. */
    @FunctionalInterface
    private interface Reading {
        Array run() throws IOException;
    }

    private static Array guarded(String name, Reading reading) throws IOException {
        try {
            return reading.run();
        } catch (ZipException e) {
            throw new BadFileException(name, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new BadFileException(name, "truncated: the file ends inside its header or data", e);
        }
    }

    /** A stream opened for reading: gzipped or not, its data stream, and the dimensions once read. */
    private static final class Opened {
        final boolean gzip;
        final StrictGzip gz;
        final DataInputStream data;
        int[] dims;

        Opened(InputStream raw) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            gzip = b0 == 0x1f && b1 == 0x8b;
            gz = gzip ? new StrictGzip(buffered) : null;
            data = new DataInputStream(gzip ? gz : buffered);
        }

        /** After the announced data: nothing may follow, in the data or after the gzip stream. */
        void requireEnd(long total, String name) throws IOException {
            if (data.read() != -1) {
                throw new BadFileException(name, "trailing bytes after the " + total + " announced bytes of data");
            }
            if (gzip && gz.trailingData()) {
                throw new BadFileException(name, "trailing bytes after the end of the gzip stream");
            }
        }
    }

    /** Reads and checks the magic number and dimensions; returns the number of data bytes announced. */
    private static long header(Opened s, String name, long storedSize) throws IOException {
        DataInputStream in = s.data;
        int magic = in.readInt();
        if ((magic >>> 16) != 0) {
            throw new BadFileException(
                    name,
                    String.format("not an IDX file: magic number 0x%08X does not start with two zero bytes", magic));
        }
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new BadFileException(
                    name, String.format("element type 0x%02X is not supported; expected 0x08 (unsigned byte)", type));
        }
        if (rank < 1 || rank > 4) {
            throw new BadFileException(name, "has " + rank + " dimensions; expected 1 to 4");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) {
                throw new BadFileException(name, "dimension " + i + " is " + dims[i] + "; expected a positive count");
            }
            total *= dims[i];
            if (total > MAX_ELEMENTS) {
                throw new BadFileException(
                        name,
                        "announces more than " + MAX_ELEMENTS + " elements (dimension " + i + " = " + dims[i] + ")");
            }
        }
        long header = 4 + 4L * rank;
        long bound = s.gzip ? storedSize * DEFLATE_MAX_RATIO : storedSize - header;
        if (storedSize >= 0 && total > bound) {
            throw new BadFileException(
                    name,
                    "announces " + total + " bytes of data but "
                            + (s.gzip
                                    ? "a gzip file of " + storedSize + " bytes cannot hold that many"
                                    : "only " + Math.max(0, bound) + " follow the header (truncated)"));
        }
        s.dims = dims;
        return total;
    }

    /**
     * The {@code total} bytes of data. When the size is known to be true (a plain file of known
     * size, or a gzip stream already counted) the array is allocated at once; otherwise it grows
     * as bytes actually arrive, so a header that lies costs at most twice the bytes really there.
     */
    private static byte[] readData(DataInputStream in, int total, boolean grow, String name) throws IOException {
        byte[] data = new byte[grow ? Math.min(total, INITIAL_CHUNK) : total];
        int off = 0;
        while (off < total) {
            if (off == data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
            }
            int n = in.read(data, off, data.length - off);
            if (n < 0) {
                throw new BadFileException(name, "truncated: announces " + total + " bytes of data, holds " + off);
            }
            off += n;
        }
        return data;
    }

    private static String dimsText(int[] dims) {
        StringBuilder b = new StringBuilder();
        for (int d : dims) {
            b.append(b.length() == 0 ? "" : "×").append(d);
        }
        return b.toString();
    }

    /**
     * A gzip stream that can tell whether anything but another gzip member followed its end.
     * {@link GZIPInputStream} reads a following member, and silently ignores bytes after the last
     * member that do not form one; this stream hides the underlying stream's {@code available()}
     * so that it looks for a next member only in the bytes it already buffered, and afterwards
     * reports any byte beyond the 8-byte trailer, buffered or not, as trailing data.
     */
    private static final class StrictGzip extends GZIPInputStream {
        private final InputStream raw;

        StrictGzip(InputStream raw) throws IOException {
            this(raw, new java.io.FilterInputStream(raw) {
                @Override
                public int available() {
                    return 0;
                }
            });
        }

        private StrictGzip(InputStream raw, InputStream hidden) throws IOException {
            super(hidden, 1 << 16);
            this.raw = raw;
        }

        /** After the end of the stream: whether bytes followed the last member's trailer. */
        boolean trailingData() throws IOException {
            return inf.getRemaining() > 8 || raw.read() != -1;
        }
    }
}
