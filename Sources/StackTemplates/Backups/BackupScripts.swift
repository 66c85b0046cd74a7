/// The shell scripts the backup and restore tasks run. They use only what their published images
/// have: busybox (`tar`, `gzip`, `sha256sum`, `find`, `stat`, `awk`) in the alpine containers and
/// the AWS CLI in the aws-cli ones; the aws-cli image has no `tar` (aws/aws-cli#5106), which is
/// why each task is two containers sharing a task-local staging volume. POSIX `sh` throughout, so
/// the same text runs on a developer's machine against a folder and the local AWS (the round
/// trip the tests make) and on Fargate against the volumes.
///
/// The variables they read are `BackupTask.Variable`; `BackupTask` builds the task definitions.
package enum BackupScripts {
    /// Looks a volume up in a `name=value name=value` list.
    private static let lookup = #"""
        lookup() {
          for pair in $2; do
            if [ "${pair%%=*}" = "$1" ]; then printf '%s\n' "${pair#*=}"; return 0; fi
          done
          return 1
        }
        data_dir() {
          mount=$(lookup "$1" "$BERTH_VOLUMES") || return 1
          directory=$(lookup "$1" "$BERTH_DIRECTORIES") || directory=/
          directory=${directory%/}
          printf '%s%s\n' "$mount" "$directory"
        }
        count_files() {
          find "$1" -type f -exec stat -c %s {} + | awk '{ n++; s += $1 } END { printf "%.0f %.0f\n", n, s }'
        }
        manifest_value() {
          sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" "$2"
        }

        """#

    /// Step 1 of a backup (alpine, volumes read-only): per volume, a gzip'd tar of its directory
    /// with numeric owners, modes, times and symlinks as they are, its SHA-256, and the manifest.
    /// A volume that fails is reported and marked; the others go on.
    package static let archive =
        "set -u\n" + lookup + #"""
            staging="$BERTH_STAGING"
            snapshot="${BERTH_SNAPSHOT:-$(date -u +%Y%m%dT%H%M%SZ)}"
            printf '%s\n' "$snapshot" > "$staging/snapshot"
            names="${BERTH_ONLY:-}"
            if [ -z "$names" ]; then for pair in $BERTH_VOLUMES; do names="$names ${pair%%=*}"; done; fi
            for name in $names; do
              if ! data=$(data_dir "$name"); then
                echo "backup: $name is not a volume this task backs up" >&2; touch "$staging/failed"; continue
              fi
              out="$staging/$name"
              mkdir -p "$out"
              if [ ! -d "$data" ]; then
                echo "backup: $name: nothing has written to the volume yet; its snapshot is empty"
                data="$out/empty"; mkdir -p "$data"
              fi
              set -- $(count_files "$data")
              files=$1 bytes=$2
              if ! tar -C "$data" -czf "$out/data.tar.gz" .; then
                echo "backup: $name: tar failed; no snapshot of it" >&2; rm -rf "$out"; touch "$staging/failed"; continue
              fi
              archive_bytes=$(wc -c < "$out/data.tar.gz" | tr -d ' ')
              sum=$(sha256sum "$out/data.tar.gz" | cut -d ' ' -f 1)
              source=$(lookup "$name" "${BERTH_SOURCES:-}" || true)
              printf '{"format":"berth-backup/1","volume":"%s","snapshot":"%s","created":"%s","files":%s,"bytes":%s,"archive":"data.tar.gz","archiveBytes":%s,"sha256":"%s","source":"%s"}\n' \
                "$name" "$snapshot" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$files" "$bytes" "$archive_bytes" "$sum" "$source" > "$out/manifest.json"
              echo "backup: $name: $files files, $bytes bytes, archive $archive_bytes bytes, sha256 $sum"
            done
            if [ -f "$staging/failed" ]; then exit 1; fi

            """#

    /// Step 2 of a backup (aws-cli): each archive, then its manifest, under
    /// `PREFIX/VOLUME/SNAPSHOT/`. The manifest goes last: a snapshot without one is incomplete
    /// (an interrupted upload), and `berth backup list` does not show it.
    package static let upload = #"""
        set -u
        staging="$BERTH_STAGING"
        if [ ! -f "$staging/snapshot" ]; then echo "backup: the archive step wrote nothing; see its lines above" >&2; exit 1; fi
        snapshot=$(cat "$staging/snapshot")
        status=0
        for manifest in "$staging"/*/manifest.json; do
          [ -f "$manifest" ] || continue
          dir=${manifest%/manifest.json}
          name=${dir##*/}
          key="$BERTH_PREFIX/$name/$snapshot"
          if aws s3 cp "$dir/data.tar.gz" "s3://$BERTH_BUCKET/$key/data.tar.gz" --only-show-errors --no-progress \
            && aws s3 cp "$manifest" "s3://$BERTH_BUCKET/$key/manifest.json" --content-type application/json --only-show-errors --no-progress; then
            echo "backup: $name: stored s3://$BERTH_BUCKET/$key/"
          else
            echo "backup: $name: the upload failed; the snapshot stays incomplete" >&2; status=1
          fi
        done
        if [ -f "$staging/failed" ]; then status=1; fi
        exit $status

        """#

    /// Step 1 of a restore (aws-cli): the snapshot's manifest and archive, checked against the
    /// manifest's SHA-256 before anything touches the volume.
    package static let download = #"""
        set -eu
        key="$BERTH_PREFIX/$BERTH_VOLUME/$BERTH_SNAPSHOT"
        aws s3 cp "s3://$BERTH_BUCKET/$key/manifest.json" "$BERTH_STAGING/manifest.json" --only-show-errors --no-progress
        aws s3 cp "s3://$BERTH_BUCKET/$key/data.tar.gz" "$BERTH_STAGING/data.tar.gz" --only-show-errors --no-progress
        expected=$(sed -n 's/.*"sha256":"\([0-9a-f]*\)".*/\1/p' "$BERTH_STAGING/manifest.json")
        actual=$(sha256sum "$BERTH_STAGING/data.tar.gz" | cut -d ' ' -f 1)
        if [ "$expected" != "$actual" ]; then
          echo "restore: $BERTH_VOLUME: the archive's sha256 $actual is not the manifest's $expected; the volume is untouched" >&2; exit 1
        fi
        echo "restore: $BERTH_VOLUME: snapshot $BERTH_SNAPSHOT downloaded, sha256 verified"

        """#

    /// Step 2 of a restore (alpine, volume read-write): unpacks into a fresh folder on the same
    /// file system, checks file count and bytes against the manifest, then swaps the volume's
    /// contents for it by renames. What was there is moved aside first and removed only after
    /// the swap, and the folder names are unique per run, so an interrupted restore loses nothing.
    ///
    /// `berth volume upload` runs it too, on an archive made on the developer's machine
    /// (`BERTH_ACTION=upload`): `BERTH_MODE=empty` refuses a volume that has files (a
    /// `berth-not-empty FILES BYTES` line and exit 3, nothing touched), `merge` keeps the files
    /// the archive lacks, and `BERTH_OWNER=UID:GID` gives every unpacked file the owner the
    /// services' access point writes as (a laptop's ids mean nothing on EFS).
    package static let extract =
        "set -eu\n" + lookup + #"""
            action="${BERTH_ACTION:-restore}"
            mode="${BERTH_MODE:-replace}"
            manifest="$BERTH_STAGING/manifest.json"
            expected=$(manifest_value sha256 "$manifest")
            actual=$(sha256sum "$BERTH_STAGING/data.tar.gz" | cut -d ' ' -f 1)
            if [ "$expected" != "$actual" ]; then
              echo "$action: $BERTH_VOLUME: the archive's sha256 $actual is not the manifest's $expected; the volume is untouched" >&2; exit 1
            fi
            data=$(data_dir "$BERTH_VOLUME") || { echo "$action: $BERTH_VOLUME is not a volume this task writes" >&2; exit 1; }
            mount=$(lookup "$BERTH_VOLUME" "$BERTH_VOLUMES")
            left() { find "$1" -mindepth 1 -maxdepth 1 ! -name '.berth-restore-*' | head -n 1; }
            if [ "$mode" = empty ] && [ -d "$data" ] && [ -n "$(left "$data")" ]; then
              set -- $(find "$data" -mindepth 1 -name '.berth-restore-*' -prune -o -type f -exec stat -c %s {} + | awk '{ n++; s += $1 } END { printf "%.0f %.0f\n", n, s }')
              echo "berth-not-empty $1 $2"
              echo "$action: $BERTH_VOLUME already has files ($1 files, $2 bytes); nothing was changed"; exit 3
            fi
            work="$mount/.berth-restore-$BERTH_SNAPSHOT-$(date -u +%s)-$$"
            mkdir -m 700 "$work" "$work/old"
            umask 000
            mkdir "$work/new"
            tar -C "$work/new" -xzf "$BERTH_STAGING/data.tar.gz"
            set -- $(count_files "$work/new")
            if [ "$1" != "$(manifest_value files "$manifest")" ] || [ "$2" != "$(manifest_value bytes "$manifest")" ]; then
              echo "$action: $BERTH_VOLUME: unpacked $1 files, $2 bytes, not the manifest's; the volume is untouched" >&2
              rm -rf "$work"; exit 1
            fi
            files=$1 bytes=$2
            if [ -n "${BERTH_OWNER:-}" ]; then
              if [ "$(id -u)" = 0 ]; then chown -hR "$BERTH_OWNER" "$work/new"; else echo "$action: not root, so the files keep their owners"; fi
            fi
            mkdir -p "$data"
            if [ "$mode" = merge ]; then
              find "$data" -mindepth 1 -maxdepth 1 ! -name '.berth-restore-*' -exec cp -a -n {} "$work/new/" \;
            fi
            find "$data" -mindepth 1 -maxdepth 1 ! -name '.berth-restore-*' -exec mv {} "$work/old/" \;
            if [ -n "$(left "$data")" ]; then
              echo "$action: $BERTH_VOLUME: could not move the volume's files aside; those moved are in ${work#"$mount"}/old" >&2; exit 1
            fi
            find "$work/new" -mindepth 1 -maxdepth 1 -exec mv {} "$data/" \;
            if [ -n "$(left "$work/new")" ]; then
              echo "$action: $BERTH_VOLUME: could not move every ${action%e}ed file in; the previous files are in ${work#"$mount"}/old" >&2; exit 1
            fi
            chmod "$(stat -c %a "$work/new")" "$data"
            if [ "$(id -u)" = 0 ]; then chown "$(stat -c %u:%g "$work/new")" "$data"; fi
            rm -rf "$work"
            echo "$action: $BERTH_VOLUME: snapshot $BERTH_SNAPSHOT ${action%e}ed ($files files, $bytes bytes)"

            """#

    /// `berth volume ls` (in the backup task's archive container, volumes read-only): one
    /// `berth-ls MODE UID GID SIZE MTIME ./NAME` line per entry of `BERTH_PATH` in the volume
    /// (the entry itself when it is not a folder), then `berth-ls-total FILES BYTES` of all
    /// below it, and a mark the second container checks.
    package static let list =
        "set -u\n" + lookup + #"""
            data=$(data_dir "$BERTH_VOLUME") || { echo "ls: $BERTH_VOLUME is not a volume this task reads" >&2; exit 1; }
            path="${BERTH_PATH:-/}"
            target="$data${path%/}"
            if [ ! -e "$target" ] && [ ! -L "$target" ]; then
              if [ "$path" != / ]; then echo "ls: $BERTH_VOLUME has no $path" >&2; exit 1; fi
              echo "berth-ls-total 0 0"; touch "$BERTH_STAGING/listed"; exit 0
            fi
            if [ -d "$target" ] && [ ! -L "$target" ]; then
              cd "$target" && find . -mindepth 1 -maxdepth 1 ! -name '.berth-restore-*' -exec stat -c 'berth-ls %A %u %g %s %Y %n' {} +
            else
              cd "$(dirname "$target")" && stat -c 'berth-ls %A %u %g %s %Y ./%n' "$(basename "$target")"
            fi
            set -- $(count_files "$target")
            echo "berth-ls-total $1 $2"
            touch "$BERTH_STAGING/listed"

            """#

    /// The backup task's second container during `berth volume ls`: succeeds only when the list
    /// was written, so the task's exit code is the listing's.
    package static let listed = #"test -f "$BERTH_STAGING/listed""#
}
