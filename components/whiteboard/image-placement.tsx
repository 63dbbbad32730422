'use client';

import { useEffect } from 'react';
import { createShapeId, useEditor, useToasts, type TLAsset, type TLImageShape, type TLShapeId } from 'tldraw';
import { fitToView, placeInView } from '@/lib/domain/free-space';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '@/lib/domain/image-type';
import { placementView, shapeBoxes } from './place-in-view';

const isAcceptedType = (type: string) => (IMAGE_TYPES as readonly string[]).includes(type);

/**
 * Images added to the board (the toolbar's upload, paste, drop) are uploaded first and then
 * placed: scaled to at most half the view, into free space in the view nearest where they were
 * dropped (or its centre), covering nothing drawn. Render inside <Tldraw>: it replaces tldraw's
 * own handler, which put the image at full size in the middle of the view.
 */
export function ImagePlacement() {
  const editor = useEditor();
  const toasts = useToasts();

  useEffect(() => {
    editor.registerExternalContentHandler('files', async ({ files, point }) => {
      if (editor.getIsReadonly()) return;
      const placed: TLShapeId[] = [];
      for (const file of files) {
        if (!isAcceptedType(file.type)) {
          toasts.addToast({ title: 'Only PNG, JPEG, GIF and WebP images can go on the whiteboard.', severity: 'error' });
          continue;
        }
        if (file.size > MAX_IMAGE_BYTES) {
          toasts.addToast({ title: `That image is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`, severity: 'error' });
          continue;
        }
        let asset: TLAsset | undefined;
        try {
          // Uploads through the board's asset store; the document only keeps the returned URL.
          asset = await editor.getAssetForExternalContent({ type: 'file', file });
        } catch (error) {
          toasts.addToast({ title: error instanceof Error ? error.message : 'The upload failed.', severity: 'error' });
          continue;
        }
        if (!asset || asset.type !== 'image') continue;
        const view = placementView(editor);
        const size = fitToView({ w: asset.props.w, h: asset.props.h }, view);
        // Nearest where it was dropped (the toolbar and paste give the view's centre).
        const box = placeInView(view, shapeBoxes(editor), size, point);
        const id = createShapeId();
        editor.markHistoryStoppingPoint('place image');
        editor.run(() => {
          if (!editor.getAsset(asset.id)) editor.createAssets([asset]);
          editor.createShape<TLImageShape>({ id, type: 'image', x: box.x, y: box.y, props: { assetId: asset.id, w: box.w, h: box.h } });
        });
        placed.push(id);
      }
      if (placed.length) editor.select(...placed);
    });
  }, [editor, toasts]);

  return null;
}
