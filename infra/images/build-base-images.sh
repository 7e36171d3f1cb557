#!/usr/bin/env bash
# Builds the two base images the Dockerfile and compose files name — node:20-bookworm-slim and
# redis:7-bookworm — locally, for machines that cannot pull from a container registry: a
# Debian bookworm root filesystem (debootstrap, from Debian's package mirror) holding
# redis-server and this machine's own Node 20 runtime, `docker import`ed under those tags.
# Anywhere with registry access, skip this script: docker pulls the public images.
set -euo pipefail

NODE_IMAGE=${NODE_IMAGE:-node:20-bookworm-slim}
REDIS_IMAGE=${REDIS_IMAGE:-redis:7-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if docker image inspect "$NODE_IMAGE" >/dev/null 2>&1 && docker image inspect "$REDIS_IMAGE" >/dev/null 2>&1 \
  && [ "${FORCE:-0}" != 1 ]; then
  echo "base images present: $NODE_IMAGE, $REDIS_IMAGE"
  exit 0
fi

if ! command -v debootstrap >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
node_bin=$(command -v node)
case "$("$node_bin" --version)" in
  v20.*) ;;
  *) echo "build-base-images: needs Node 20 on PATH (the images must run what the project is tested on)" >&2; exit 1 ;;
esac

rootfs=$(mktemp -d /tmp/trellis-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
echo "--- debootstrap bookworm into $rootfs"
debootstrap --variant=minbase --include=redis-server,libstdc++6,ca-certificates,tini \
  bookworm "$rootfs" "$MIRROR" >/dev/null

echo "--- adding Node $("$node_bin" --version) and npm"
install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
npm_root=$(npm root -g)
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_root/npm" "$rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# Trust the CAs this machine trusts (a TLS-inspecting egress proxy, a corporate root): builds
# inside the image reach the npm registry the way the host does.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
  chroot "$rootfs" /usr/sbin/update-ca-certificates >/dev/null 2>&1
fi
# The public node image runs as user `node` (uid 1000); the Dockerfile relies on it.
chroot "$rootfs" /usr/sbin/useradd --create-home --uid 1000 --shell /bin/sh node
chroot "$rootfs" /bin/sh -c 'apt-get clean && rm -rf /var/lib/apt/lists/*'

echo "--- importing"
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_VERSION=20' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  - "$NODE_IMAGE" >/dev/null
docker tag "$NODE_IMAGE" "$REDIS_IMAGE"
echo "built $NODE_IMAGE and $REDIS_IMAGE"
